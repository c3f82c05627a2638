using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
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
/// counted; once cancelled entries make up half the heap it is rebuilt without them, so memory is bounded by live timers,
/// not by cancelled ones. Only this thread touches the heap, so it needs no lock.
/// <para>
/// Call timeouts and supervisor shutdown grace periods live on one process-wide service (<see cref="Shared"/>), never
/// disposed: a call times out, and a shutdown's grace period ends, whatever node is alive or disposed. Each node has its
/// own service for its processes' timers (<c>SendAfter</c>, idle timeouts), stopped when the node is disposed. A node
/// given a <see cref="TimeProvider"/> other than the system's uses a <see cref="ProvidedTimerQueue"/> for all of these
/// instead (see <see cref="NodeClock"/>).
/// </para>
/// </remarks>
internal sealed class TimerService : TimerQueue
{
    /// <summary>Cancelled entries tolerated in the heap before it may be rebuilt (below this, rebuilding is not worth it).</summary>
    private const int CompactThreshold = 64;

    private static readonly Lazy<TimerService> s_shared = new(() => new TimerService(scansCalls: true, "Arbor call timeouts"));

    /// <summary>Longest sleep while idle: bounds how long answered calls stay referenced by the submission list.</summary>
    private const int IdlePollMs = 20;

    private readonly bool _scansCalls;
    private readonly Thread _thread;
    private PriorityQueue<TimerEntry, long> _heap = new();
    private int _cancelled;
    private int _heapCount;
    private TaskCompletionSource? _passWaiter;
    private readonly object _gate = new();
    private TimerEntry? _submitted;
    private long _plannedWakeMs;
    private long _callsDueMs = long.MaxValue;
    private bool _signalled;
    private volatile bool _disposed;

    public TimerService()
        : this(scansCalls: false, "Arbor timers")
    {
    }

    private TimerService(bool scansCalls, string threadName)
    {
        _scansCalls = scansCalls;
        _thread = new Thread(Loop) { IsBackground = true, Name = threadName };
        _thread.Start();
    }

    /// <summary>The process-wide service for call timeouts and shutdown grace periods (never disposed).</summary>
    public static TimerService Shared => s_shared.Value;

    /// <summary>Entries in the heap after the last pass, cancelled ones not yet dropped included (for tests).</summary>
    internal override int HeapCount => Volatile.Read(ref _heapCount);

    /// <summary>Completes after the timer thread's next full pass (for tests: a cancelled entry is dropped by then if it is to be).</summary>
    internal override Task NextPass()
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Interlocked.CompareExchange(ref _passWaiter, waiter, null) is { } pending)
        {
            waiter = pending;
        }

        Wake();
        return waiter.Task;
    }

    /// <summary>Counts a cancelled entry (called by <see cref="TimerEntry.TryCancel"/>): the heap is rebuilt when they pile up.</summary>
    internal override void OnCancelled() => Interlocked.Increment(ref _cancelled);

    /// <summary>Arms <paramref name="entry"/> to expire at <see cref="TimerEntry.DueMs"/>.</summary>
    public override void Schedule(TimerEntry entry)
    {
        entry.Service = this;
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

    public override void Dispose()
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
            // A pass waiter registered before this point sees everything submitted and cancelled before it registered.
            var passWaiter = Interlocked.Exchange(ref _passWaiter, null);
            Drain();
            var now = TimerClock.NowMs;
            FireDue(now);
            CompactIfMostlyCancelled();
            if (_scansCalls)
            {
                _callsDueMs = CallTimeoutRing.Scan(now);
                Worker.RescueStalledHandOffs();
            }

            Volatile.Write(ref _heapCount, _heap.Count);
            passWaiter?.TrySetResult();

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

    /// <summary>Rebuilds the heap without its cancelled entries once they are half of it (amortised: each rebuild halves it at least).</summary>
    private void CompactIfMostlyCancelled()
    {
        var cancelled = Volatile.Read(ref _cancelled);
        if (cancelled < CompactThreshold || cancelled * 2 < _heap.Count)
        {
            return;
        }

        Interlocked.Exchange(ref _cancelled, 0);
        var live = new PriorityQueue<TimerEntry, long>(_heap.Count - Math.Min(cancelled, _heap.Count));
        foreach (var (entry, due) in _heap.UnorderedItems)
        {
            if (entry.IsArmed)
            {
                live.Enqueue(entry, due);
            }
        }

        _heap = live;
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
