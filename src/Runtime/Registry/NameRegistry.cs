using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Arbor;

/// <summary>
/// Unique local names (OTP <c>register/2</c> and <c>{local, Name}</c>). A process holds at most one name; the name is
/// released as the process exits, before its exit signals and Down messages are delivered.
/// </summary>
internal sealed class NameRegistry
{
    private readonly ConcurrentDictionary<string, Process> _names = new(StringComparer.Ordinal);
    private readonly NameWaiters _waiters = new();

    public int Count => _names.Count;

    /// <summary>Whether any caller is waiting for a name (tests check that waiters that gave up leave nothing behind).</summary>
    internal bool HasWaiters => _waiters.Any;

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
                    Interlocked.MemoryBarrier();
                    if (_waiters.Any)
                    {
                        _waiters.Registered(name, holder);
                    }

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

    /// <summary>
    /// The process registered as <paramref name="name"/> now, or the next one to register it within
    /// <paramref name="timeout"/>: woken by the registration itself, not by polling.
    /// </summary>
    public async Task<Pid> WhenRegistered(string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ValidateName(name);
        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A timeout must be non-negative, or Timeout.InfiniteTimeSpan.");
        }

        var current = Whereis(name);
        if (!current.IsNone)
        {
            return current;
        }

        var waiter = new TaskCompletionSource<Pid>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Add(name, waiter);
        try
        {
            // Registered between the first look-up and the waiter being in place: the registration may have missed it.
            current = Whereis(name);
            if (!current.IsNone)
            {
                return current;
            }

            return await waiter.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException timedOut)
        {
            throw new TimeoutException($"No process was registered as '{name}' within {timeout}.", timedOut);
        }
        finally
        {
            _waiters.Remove(name, waiter);
        }
    }

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
