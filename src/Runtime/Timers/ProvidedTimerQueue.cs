using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Arbor.Timers;

/// <summary>
/// The timers of a node that runs on a <see cref="TimeProvider"/> other than the system's: a heap under a lock and one
/// timer of the provider, set for the earliest entry. When the provider fires it (a virtual clock does so inside its
/// <c>Advance</c>, on the advancing thread), every entry due by the provider's now expires, in due order, before the
/// call returns — so a test that advances time knows the timers' messages are in their mailboxes.
/// </summary>
/// <remarks>
/// Not the hot path: only test nodes (or a user's own provider) come here. Entries expire outside the lock, so an
/// expiring timer may schedule another.
/// </remarks>
internal sealed class ProvidedTimerQueue : TimerQueue
{
    private readonly NodeClock _clock;
    private readonly ITimer _timer;
    private readonly object _gate = new();
    private readonly PriorityQueue<TimerEntry, (long DueMs, long Order)> _heap = new();
    private long _order;
    private long _armedForMs = long.MaxValue;
    private bool _disposed;

    public ProvidedTimerQueue(NodeClock clock, TimeProvider provider)
    {
        _clock = clock;
        _timer = provider.CreateTimer(static state => ((ProvidedTimerQueue)state!).FireDue(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    internal override int HeapCount
    {
        get
        {
            lock (_gate)
            {
                return _heap.Count;
            }
        }
    }

    public override void Schedule(TimerEntry entry)
    {
        entry.Service = this;
        if (entry.DueMs <= _clock.NowMs)
        {
            // Already due (an idle timer armed from an earlier reading): the provider's now has passed, fire it now.
            Expire(entry);
            return;
        }

        lock (_gate)
        {
            _heap.Enqueue(entry, (entry.DueMs, _order++));
            if (entry.DueMs < _armedForMs)
            {
                ArmFor(entry.DueMs);
            }
        }
    }

    /// <summary>Cancelled entries are dropped when they come due; nothing to count.</summary>
    internal override void OnCancelled()
    {
    }

    /// <summary>Nothing runs in the background: every pass has completed by the time anyone asks.</summary>
    internal override Task NextPass() => Task.CompletedTask;

    /// <summary>
    /// Stops firing the node's own timers. Call timeouts, start deadlines and grace periods share this queue and should
    /// still fire after the node is disposed, so the provider's timer stays; only its state is marked.
    /// </summary>
    public override void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }
    }

    private static void Expire(TimerEntry entry)
    {
        try
        {
            entry.Expire();
        }
        catch (Exception)
        {
            // A timer action is a send; it must not take the provider's thread (a test's Advance) down with it.
        }
    }

    private void ArmFor(long dueMs)
    {
        _armedForMs = dueMs;
        _timer.Change(TimeSpan.FromMilliseconds(Math.Max(1, dueMs - _clock.NowMs)), Timeout.InfiniteTimeSpan);
    }

    private void FireDue()
    {
        List<TimerEntry>? due = null;
        lock (_gate)
        {
            var now = _clock.NowMs;
            while (_heap.TryPeek(out var entry, out var key) && key.DueMs <= now)
            {
                _heap.Dequeue();
                if (entry.IsArmed && !(_disposed && entry is not (CallTimeoutTimer or StartDeadline or ShutdownTimer)))
                {
                    (due ??= new()).Add(entry);
                }
            }

            _armedForMs = long.MaxValue;
            if (_heap.TryPeek(out _, out var next))
            {
                ArmFor(next.DueMs);
            }
        }

        if (due is null)
        {
            return;
        }

        foreach (var entry in due)
        {
            Expire(entry);
        }
    }
}
