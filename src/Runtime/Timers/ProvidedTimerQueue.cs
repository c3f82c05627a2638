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
/// expiring timer may schedule another. On a deterministic node (<see cref="ArborNodeOptions.DeterministicSeed"/>) the
/// entries due at one pass are not expired on the provider's thread: they are handed, in due order with the ones due at
/// the same instant shuffled by the seed, to the node's scheduler as one work item, so which of them is delivered first
/// is the seed's choice and replays with it, whichever thread moved the clock.
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

    // A deterministic node's scheduler, the seed's generator for ties, and the node's in-flight count (if it tracks).
    private readonly Scheduling.DeterministicScheduler? _deterministic;
    private readonly Random? _ties;
    private readonly Introspection.InFlight.InFlightCounter? _inFlight;

    public ProvidedTimerQueue(NodeClock clock, TimeProvider provider, Scheduling.DeterministicScheduler? deterministic = null, Introspection.InFlight.InFlightCounter? inFlight = null)
    {
        _clock = clock;
        _deterministic = deterministic;
        _ties = deterministic?.CreateTieBreaker();
        _inFlight = inFlight;
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

            if (due is not null && _ties is not null)
            {
                ShuffleTies(due, _ties);
            }
        }

        if (due is null)
        {
            return;
        }

        if (_deterministic is not null)
        {
            _deterministic.Queue(new Delivery(due, _inFlight));
            return;
        }

        foreach (var entry in due)
        {
            Expire(entry);
        }
    }

    /// <summary>Reorders each run of entries due at the same instant (the list is in due order) as <paramref name="ties"/> says.</summary>
    private static void ShuffleTies(List<TimerEntry> due, Random ties)
    {
        var start = 0;
        while (start < due.Count)
        {
            var end = start + 1;
            while (end < due.Count && due[end].DueMs == due[start].DueMs)
            {
                end++;
            }

            // Fisher–Yates over [start, end).
            for (var i = end - 1; i > start; i--)
            {
                var j = start + ties.Next(i - start + 1);
                (due[i], due[j]) = (due[j], due[i]);
            }

            start = end;
        }
    }

    /// <summary>Entries that came due together, expired in order on a deterministic node's scheduler (counted in flight until done).</summary>
    private sealed class Delivery : System.Threading.IThreadPoolWorkItem
    {
        private readonly List<TimerEntry> _due;
        private readonly Introspection.InFlight.InFlightCounter? _inFlight;

        public Delivery(List<TimerEntry> due, Introspection.InFlight.InFlightCounter? inFlight)
        {
            _due = due;
            _inFlight = inFlight;
            inFlight?.Add(Introspection.InFlight.InFlightKind.TimerDelivery);
        }

        public void Execute()
        {
            try
            {
                foreach (var entry in _due)
                {
                    Expire(entry);
                }
            }
            finally
            {
                _inFlight?.Remove(Introspection.InFlight.InFlightKind.TimerDelivery);
            }
        }
    }
}
