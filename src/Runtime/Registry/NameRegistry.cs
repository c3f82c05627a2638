using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace Arbor;

/// <summary>
/// Unique local names (OTP <c>register/2</c> and <c>{local, Name}</c>). A process holds at most one name; the name is
/// released as the process exits, before its exit signals and Down messages are delivered.
/// </summary>
internal sealed class NameRegistry
{
    private readonly ConcurrentDictionary<string, Process> _names = new(StringComparer.Ordinal);

    public int Count => _names.Count;

    /// <summary>Registers <paramref name="name"/> for <paramref name="process"/>; on conflict returns false with the holder.</summary>
    public bool TryRegister(string name, Process process, out Pid holder)
    {
        ValidateName(name);
        lock (process)
        {
            if (process.ExitReason is not null)
            {
                throw new InvalidOperationException($"Cannot register '{name}': process {process.Pid} has exited.");
            }

            if (process.RegisteredName is { } existing)
            {
                throw new InvalidOperationException($"Process {process.Pid} is already registered as '{existing}'; a process can hold one name.");
            }

            while (true)
            {
                if (_names.TryAdd(name, process))
                {
                    process.RegisteredName = name;
                    holder = process.Pid;
                    return true;
                }

                if (_names.TryGetValue(name, out var current))
                {
                    holder = current.Pid;
                    return false;
                }
            }
        }
    }

    public Pid Whereis(string name) => _names.TryGetValue(name, out var process) ? process.Pid : Pid.None;

    public bool Unregister(string name)
    {
        if (!_names.TryGetValue(name, out var process))
        {
            return false;
        }

        lock (process)
        {
            if (!_names.TryRemove(new KeyValuePair<string, Process>(name, process)))
            {
                return false;
            }

            process.RegisteredName = null;
            return true;
        }
    }

    /// <summary>Called by the exiting process itself.</summary>
    public void Release(string name, Process process)
    {
        _names.TryRemove(new KeyValuePair<string, Process>(name, process));
    }

    public IReadOnlyCollection<string> Names => (IReadOnlyCollection<string>)_names.Keys;

    internal static void ValidateName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A process name must not be empty or whitespace.", nameof(name));
        }
    }
}
