using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Arbor;

/// <summary>
/// Callers waiting for a name to be registered (<see cref="ArborNode.WhereisAsync(string, TimeSpan, CancellationToken)"/>).
/// The registry wakes them when the name is registered, so nobody polls; a waiter that gives up (timeout, cancellation)
/// takes itself out again, so waiting for a name that never comes leaves nothing behind.
/// </summary>
internal sealed class NameWaiters
{
    private readonly ConcurrentDictionary<string, WaiterList> _byName = new(StringComparer.Ordinal);
    private int _pending;

    /// <summary>
    /// Whether anyone may be waiting: read by every registration, so a registration with no waiters costs one read.
    /// The registry fences between adding the name and this read, and <see cref="Add"/> between adding a waiter and
    /// looking the name up, so one of the two always sees the other.
    /// </summary>
    public bool Any => Volatile.Read(ref _pending) != 0;

    /// <summary>Adds a waiter for <paramref name="name"/>; the caller must look the name up again afterwards.</summary>
    public void Add(string name, TaskCompletionSource<Pid> waiter)
    {
        while (true)
        {
            var list = _byName.GetOrAdd(name, static _ => new WaiterList());
            lock (list)
            {
                // A list a registration has already taken is closed; take a fresh one.
                if (!list.Closed)
                {
                    list.Waiters.Add(waiter);
                    Interlocked.Increment(ref _pending);
                    break;
                }
            }
        }

        Interlocked.MemoryBarrier();
    }

    /// <summary>Takes a waiter out that stopped waiting (or was answered by its own second look-up).</summary>
    public void Remove(string name, TaskCompletionSource<Pid> waiter)
    {
        if (!_byName.TryGetValue(name, out var list))
        {
            return;
        }

        lock (list)
        {
            if (list.Closed || !list.Waiters.Remove(waiter))
            {
                return;
            }

            Interlocked.Decrement(ref _pending);
            if (list.Waiters.Count == 0)
            {
                list.Closed = true;
                _byName.TryRemove(new KeyValuePair<string, WaiterList>(name, list));
            }
        }
    }

    /// <summary>Answers everyone waiting for <paramref name="name"/> with the process that has just registered it.</summary>
    public void Registered(string name, Pid pid)
    {
        if (!_byName.TryRemove(name, out var list))
        {
            return;
        }

        List<TaskCompletionSource<Pid>> waiters;
        lock (list)
        {
            list.Closed = true;
            waiters = list.Waiters;
            Interlocked.Add(ref _pending, -waiters.Count);
        }

        // Continuations run asynchronously (the sources are created so), so no waiter's code runs on the registering thread.
        foreach (var waiter in waiters)
        {
            waiter.TrySetResult(pid);
        }
    }

    private sealed class WaiterList
    {
        public List<TaskCompletionSource<Pid>> Waiters { get; } = new();

        public bool Closed { get; set; }
    }
}
