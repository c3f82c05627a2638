using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace Arbor;

/// <summary>
/// A duplicate-key registry for pub/sub style dispatch (Elixir <c>Registry</c> with <c>keys: :duplicate</c>): many
/// processes can register under one key, each with a value; entries disappear when their process exits, before its exit
/// signals go out.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
public sealed class DuplicateRegistry<TKey>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, List<Entry>> _entries;

    /// <summary>Creates an empty registry.</summary>
    public DuplicateRegistry(IEqualityComparer<TKey>? comparer = null) => _entries = new ConcurrentDictionary<TKey, List<Entry>>(comparer);

    /// <summary>
    /// Registers <paramref name="pid"/> under <paramref name="key"/> with <paramref name="value"/>. A process may register
    /// under a key more than once. Returns false if the process has already exited (nothing is added).
    /// </summary>
    public bool Register(Pid pid, TKey key, object? value = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var process = pid.Process ?? throw new ArgumentException("Only local processes can be registered.", nameof(pid));
        var entry = new Entry(this, key, pid, value);
        if (!process.TryAddRegistration(entry))
        {
            return false;
        }

        var list = _entries.GetOrAdd(key, static _ => new List<Entry>());
        while (true)
        {
            lock (list)
            {
                // A list emptied and removed concurrently must not swallow the entry.
                if (_entries.TryGetValue(key, out var current) && ReferenceEquals(current, list))
                {
                    // The process may have exited since TryAddRegistration and released the entry before it was listed
                    // (the release found nothing to remove): then it must not be listed at all.
                    if (entry.IsReleased)
                    {
                        DropIfEmpty(key, list);
                        return false;
                    }

                    list.Add(entry);
                    return true;
                }
            }

            list = _entries.GetOrAdd(key, static _ => new List<Entry>());
        }
    }

    /// <summary>Removes every registration of <paramref name="pid"/> under <paramref name="key"/>; returns how many were removed.</summary>
    public int Unregister(Pid pid, TKey key)
    {
        if (!_entries.TryGetValue(key, out var list))
        {
            return 0;
        }

        List<Entry> removed;
        lock (list)
        {
            removed = list.FindAll(e => e.Pid == pid);
            foreach (var entry in removed)
            {
                list.Remove(entry);
            }

            DropIfEmpty(key, list);
        }

        foreach (var entry in removed)
        {
            pid.Process?.RemoveRegistration(entry);
        }

        return removed.Count;
    }

    /// <summary>The processes registered under <paramref name="key"/> with their values, in registration order (a snapshot).</summary>
    public IReadOnlyList<(Pid Pid, object? Value)> Lookup(TKey key)
    {
        if (!_entries.TryGetValue(key, out var list))
        {
            return Array.Empty<(Pid, object?)>();
        }

        lock (list)
        {
            var result = new (Pid, object?)[list.Count];
            for (var i = 0; i < list.Count; i++)
            {
                result[i] = (list[i].Pid, list[i].Value);
            }

            return result;
        }
    }

    /// <summary>Sends <paramref name="message"/> to every process registered under <paramref name="key"/>; returns how many.</summary>
    public int Dispatch(TKey key, object message)
    {
        var targets = Lookup(key);
        foreach (var (pid, _) in targets)
        {
            pid.Send(message);
        }

        return targets.Count;
    }

    /// <summary>The keys that currently have at least one registration.</summary>
    public IReadOnlyCollection<TKey> Keys => (IReadOnlyCollection<TKey>)_entries.Keys;

    private void Release(Entry entry)
    {
        entry.MarkReleased();
        if (!_entries.TryGetValue(entry.Key, out var list))
        {
            return;
        }

        lock (list)
        {
            list.Remove(entry);
            DropIfEmpty(entry.Key, list);
        }
    }

    private void DropIfEmpty(TKey key, List<Entry> list)
    {
        if (list.Count == 0)
        {
            _entries.TryRemove(new KeyValuePair<TKey, List<Entry>>(key, list));
        }
    }

    private sealed class Entry : IProcessRegistration
    {
        private readonly DuplicateRegistry<TKey> _owner;

        public Entry(DuplicateRegistry<TKey> owner, TKey key, Pid pid, object? value)
        {
            _owner = owner;
            Key = key;
            Pid = pid;
            Value = value;
        }

        public TKey Key { get; }

        public Pid Pid { get; }

        public object? Value { get; }

        private int _released;

        /// <summary>True once the process's exit has released this entry (set before the release looks for it in the list).</summary>
        public bool IsReleased => Volatile.Read(ref _released) != 0;

        // A full fence: the release must not read the list before this write is visible to a concurrent Register.
        public void MarkReleased() => Interlocked.Exchange(ref _released, 1);

        public void Release(Process process) => _owner.Release(this);
    }
}
