using System;
using System.Collections.Generic;
using System.Threading;
using Arbor.Protocol;

namespace Arbor.Timers;

/// <summary>
/// The node's single timer structure: one thread, one min-heap of entries, fed through a lock-free submission list.
/// </summary>
/// <remarks>
/// Every call carries a timeout, so registering one must cost about as much as a store: callers put the call in their
/// thread's <see cref="CallTimeoutRing"/>, which this thread scans each pass; calls answered by then (almost all) are
/// dropped without ever touching the heap, and only calls still outstanding when their ring comes round get a heap
/// entry (a <see cref="CallTimeoutTimer"/>), submitted like any other timer. Timers are cancelled by a state flip and
/// removed lazily when they come due. Only this thread touches the heap, so it needs no lock.
/// </remarks>
internal sealed class TimerService : IDisposable
{
    /// <summary>Longest sleep while idle: bounds how long answered calls stay referenced by the submission list.</summary>
    private const int IdlePollMs = 20;

    private readonly PriorityQueue<TimerEntry, long> _heap = new();
    private readonly Thread _thread;
    private readonly object _gate = new();
    private TimerEntry? _submitted;
    private long _plannedWakeMs;
    private long _callsDueMs = long.MaxValue;
    private bool _signalled;
    private volatile bool _disposed;

    public TimerService()
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = "Arbor timers" };
        _thread.Start();
    }

    /// <summary>Arms <paramref name="entry"/> to expire at <see cref="TimerEntry.DueMs"/>.</summary>
    public void Schedule(TimerEntry entry)
    {
        var head = Volatile.Read(ref _submitted);
        while (true)
        {
            entry.SubmitNext = head;
            var seen = Interlocked.CompareExchange(ref _submitted, entry, head);
            if (ReferenceEquals(seen, head))
            {
                break;
            }

            head = seen;
        }

        WakeIfSooner(entry.DueMs);
    }

    public void Dispose()
    {
        _disposed = true;
        Wake();
        _thread.Join();
    }

    /// <summary>Wakes the timer thread if <paramref name="dueMs"/> is before its planned wake-up.</summary>
    public void WakeIfSooner(long dueMs)
    {
        if (dueMs < Volatile.Read(ref _plannedWakeMs))
        {
            Wake();
        }
    }

    private void Wake()
    {
        lock (_gate)
        {
            _signalled = true;
            Monitor.Pulse(_gate);
        }
    }

    private void Loop()
    {
        while (!_disposed)
        {
            Drain();
            var now = TimerClock.NowMs;
            FireDue(now);
            _callsDueMs = CallTimeoutRing.Scan(now);
            Worker.RescueStalledHandOffs();

            // Publish the planned wake-up first, then drain again: a submission that raced with the publication is
            // picked up here, and every later one sees the new plan and signals if it is due sooner.
            Interlocked.Exchange(ref _plannedWakeMs, now + WaitFrom(now));
            Drain();
            var wait = WaitFrom(now);

            lock (_gate)
            {
                if (!_signalled)
                {
                    Monitor.Wait(_gate, wait);
                }

                _signalled = false;
            }
        }
    }

    private int WaitFrom(long now)
    {
        var nextDue = _heap.TryPeek(out _, out var heapDue) ? Math.Min(heapDue, _callsDueMs) : _callsDueMs;
        return (int)Math.Clamp(nextDue - now, 1, IdlePollMs);
    }

    private void Drain()
    {
        var entry = Interlocked.Exchange(ref _submitted, null);
        while (entry is not null)
        {
            var next = entry.SubmitNext;
            entry.SubmitNext = null;
            if (entry.IsArmed)
            {
                _heap.Enqueue(entry, entry.DueMs);
            }

            entry = next;
        }
    }

    private void FireDue(long now)
    {
        while (_heap.TryPeek(out var entry, out var due) && due <= now)
        {
            _heap.Dequeue();
            try
            {
                entry.Expire();
            }
            catch (Exception)
            {
                // A timer action is a send; it must not take the timer thread (and every other timer) down with it.
            }
        }
    }
}
