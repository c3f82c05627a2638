using System;
using System.Collections.Concurrent;
using System.Threading;

namespace Arbor.Scheduling;

/// <summary>
/// The runtime's own scheduler threads, shared by every node of the operating-system process: core threads (one per
/// core) serving one run queue, and reserve threads that only the <see cref="TurnWatchdog"/> wakes, when turns hold
/// threads while work waits. Processes used to run on the .NET thread pool, which adds a thread only after the previous
/// new one has started and found work; behind sixteen spinning handlers on two cores that ramp took a second. Here a
/// watchdog pass that sees a held thread wakes a parked reserve thread for each item already queued, all at once.
/// </summary>
/// <remarks>
/// <para>
/// The queue is one lock-free FIFO. A core thread that finds it empty spins briefly, then parks; a producer wakes one
/// parked core thread only when no thread is spinning (a spinner takes the item within microseconds; at most one
/// wake-up in flight, and a woken thread that finds more work wakes the next), so a burst of casts costs few wake-ups,
/// and ordinary load never runs more threads than cores. A process that yields at the end of its turn
/// (<see cref="Yield"/>) wakes nobody: the yielding thread takes the queue's next item itself. Waking a parked thread
/// there cost the hot path dearly on two cores: the woken thread found nothing, spun, and took a core from the producer.
/// </para>
/// <para>
/// <see cref="ReserveKept"/> reserve threads are started in the background with the first node and stay parked; starting
/// a thread waits until it first runs, which on a busy machine takes a scheduling period, so threads started at the
/// moment of need would come one after another. When more are needed the spawner starts them (each new one helps with
/// the next starts) and those above <see cref="ReserveKept"/> leave after <see cref="ReserveIdleMs"/> parked. A thread
/// the watchdog demoted (lowered priority) leaves when its long item ends and a fresh one takes its role.
/// Hand-offs between processes (see <see cref="Worker"/>) bypass the queue as before.
/// </para>
/// </remarks>
internal sealed class SchedulerThreads : ProcessScheduler
{
    /// <summary>Most reserve threads.</summary>
    internal const int MaxReserveThreads = 512;

    /// <summary>Reserve threads kept parked (started with the first node).</summary>
    internal const int ReserveKept = 16;

    /// <summary>A reserve thread above <see cref="ReserveKept"/> parked this long leaves.</summary>
    private const int ReserveIdleMs = 5_000;

    /// <summary>Looks at an empty queue before parking (a burst's next item usually comes within microseconds).</summary>
    private const int SpinsBeforeParking = 30;

    /// <summary>Most queued items one compensation pass wakes threads for.</summary>
    private const int MaxQueuedCounted = 64;

    private readonly ConcurrentQueue<IThreadPoolWorkItem> _queue = new();
    private readonly Role _core = new(Math.Max(2, Environment.ProcessorCount));
    private readonly Role _reserve = new(MaxReserveThreads);
    private readonly SemaphoreSlim _spawn = new(0);
    private int _wakePending;

    /// <summary>Threads spinning on an empty queue: while one is, a producer need not wake a parked thread.</summary>
    private int _spinning;

    /// <summary>The scheduler whose loop runs on this thread, if any.</summary>
    [ThreadStatic]
    private static SchedulerThreads? t_servedBy;
    private int _names;
    private int _toStart;
    private int _spawnerStarted;

    private SchedulerThreads()
    {
    }

    /// <summary>The scheduler every ordinary node uses.</summary>
    public static SchedulerThreads Shared { get; } = new();

    /// <summary>Core threads running (one per core once work has come).</summary>
    public int CoreThreads => Volatile.Read(ref _core.Threads);

    /// <summary>Reserve threads serving the queue now (woken by compensation, not parked).</summary>
    public int ReserveThreadsServing => Math.Max(0, Volatile.Read(ref _reserve.Threads) - Volatile.Read(ref _reserve.Parked) - Volatile.Read(ref _reserve.Starting));

    public override void Queue(IThreadPoolWorkItem work)
    {
        // The enqueue is a full fence: a spinner that stops spinning and parks re-reads the queue after announcing it
        // (see TryTakeAfterAnnouncingPark), so either it sees this item or this producer sees it parked.
        _queue.Enqueue(work);
        if (Volatile.Read(ref _spinning) > 0)
        {
            return;
        }

        if (Volatile.Read(ref _core.Parked) > 0)
        {
            WakeCore();
        }
        else if (Volatile.Read(ref _core.Threads) < _core.Limit)
        {
            TryStartThread(_core);
            if (Volatile.Read(ref _spawnerStarted) == 0)
            {
                Spawn(ReserveKept);
            }
        }
    }

    /// <summary>
    /// Queues work the current thread hands back just before it returns to this scheduler's queue (a turn whose budget is
    /// spent, a process going idle with more work): that thread takes the next item itself, so nobody is woken, unless
    /// the thread still has hand-offs to run first or is not one of this scheduler's threads.
    /// </summary>
    public override void Yield(IThreadPoolWorkItem work)
    {
        if (t_servedBy == this && !Worker.This.HasHandOffs)
        {
            _queue.Enqueue(work);
            return;
        }

        Queue(work);
    }

    /// <summary>
    /// Called by the watchdog each pass with the number of threads held by long items: while any are held, every item
    /// waiting in the queue gets a thread now (parked reserve threads are woken, more started if they run out).
    /// </summary>
    public void Compensate(int held)
    {
        if (held == 0 || _queue.IsEmpty)
        {
            return;
        }

        var waiting = Math.Min(_queue.Count, MaxQueuedCounted);
        var parked = Volatile.Read(ref _reserve.Parked);
        var woken = Math.Min(parked, waiting);
        if (woken > 0)
        {
            _reserve.Wake.Release(woken);
        }

        var missing = waiting - woken - Volatile.Read(ref _reserve.Starting) - Volatile.Read(ref _toStart);
        if (missing > 0)
        {
            Spawn(missing);
        }
    }

    /// <summary>Asks the spawner for <paramref name="count"/> more reserve threads (the caller never waits for a start).</summary>
    private void Spawn(int count)
    {
        Interlocked.Add(ref _toStart, count);
        if (Volatile.Read(ref _spawnerStarted) == 0 && Interlocked.Exchange(ref _spawnerStarted, 1) == 0)
        {
            new Thread(SpawnLoop) { IsBackground = true, Name = "Arbor scheduler spawner" }.UnsafeStart();
        }

        _spawn.Release();
    }

    private void SpawnLoop()
    {
        while (true)
        {
            _spawn.Wait();
            StartRequested();
        }
    }

    /// <summary>
    /// Starts requested reserve threads until none are left. Each new thread first helps with this before taking work, so
    /// the starts run in parallel and sixteen threads take about four rounds of thread start-up rather than sixteen.
    /// </summary>
    private void StartRequested()
    {
        while (true)
        {
            var toStart = Volatile.Read(ref _toStart);
            if (toStart <= 0)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _toStart, toStart - 1, toStart) == toStart && !TryStartThread(_reserve))
            {
                Volatile.Write(ref _toStart, 0);
                return;
            }
        }
    }

    private void WakeCore()
    {
        if (Interlocked.Exchange(ref _wakePending, 1) == 0)
        {
            _core.Wake.Release();
        }
    }

    private bool TryStartThread(Role role)
    {
        var threads = Volatile.Read(ref role.Threads);
        while (true)
        {
            if (threads >= role.Limit)
            {
                return false;
            }

            var seen = Interlocked.CompareExchange(ref role.Threads, threads + 1, threads);
            if (seen == threads)
            {
                break;
            }

            threads = seen;
        }

        Interlocked.Increment(ref role.Starting);
        var name = (role == _core ? "Arbor scheduler " : "Arbor reserve scheduler ") + Interlocked.Increment(ref _names);
        try
        {
            new Thread(() => Loop(role)) { IsBackground = true, Name = name }.UnsafeStart();
        }
        catch (OutOfMemoryException)
        {
            // No thread to be had: the threads already running serve the queue.
            Interlocked.Decrement(ref role.Starting);
            Interlocked.Decrement(ref role.Threads);
            return false;
        }

        return true;
    }

    private void Loop(Role role)
    {
        if (role == _reserve)
        {
            StartRequested();
        }

        t_servedBy = this;
        var self = Worker.This;
        self.NativeId = ThreadNiceness.CurrentThreadId();
        // On Linux a thread is lowered by its kernel id: without one (no gettid), the thread is never demoted.
        Volatile.Write(ref self.Demotable, self.NativeId != 0 || !OperatingSystem.IsLinux());
        Interlocked.Decrement(ref role.Starting);
        while (true)
        {
            if (TryTake(role, out var work) || TryTakeAfterAnnouncingPark(role, out work))
            {
                Run(self, work);
                if (Volatile.Read(ref self.Demoted))
                {
                    Leave(role);
                    return;
                }

                continue;
            }

            var mayLeave = role == _reserve && Volatile.Read(ref role.Threads) > ReserveKept;
            var woken = role.Wake.Wait(mayLeave ? ReserveIdleMs : Timeout.Infinite);
            Interlocked.Decrement(ref role.Parked);
            if (role == _core)
            {
                // Full fence: a producer that saw the flag set may have queued work this thread must now see.
                Interlocked.Exchange(ref _wakePending, 0);
            }

            if (!woken && TryRetire(role))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Takes the next item, spinning a little on an empty queue (counted in <c>_spinning</c>, so producers leave parked
    /// threads asleep); wakes another core thread if more is queued and nobody else is spinning.
    /// </summary>
    private bool TryTake(Role role, out IThreadPoolWorkItem work)
    {
        if (_queue.TryDequeue(out work!))
        {
            WakeNextIfMoreQueued(role);
            return true;
        }

        Interlocked.Increment(ref _spinning);
        for (var spin = 0; spin < SpinsBeforeParking; spin++)
        {
            Thread.SpinWait(20);
            if (_queue.TryDequeue(out work!))
            {
                Interlocked.Decrement(ref _spinning);
                WakeNextIfMoreQueued(role);
                return true;
            }
        }

        Interlocked.Decrement(ref _spinning);
        work = null!;
        return false;
    }

    private void WakeNextIfMoreQueued(Role role)
    {
        if (role == _core && !_queue.IsEmpty && Volatile.Read(ref _spinning) == 0 && Volatile.Read(ref _core.Parked) > 0)
        {
            WakeCore();
        }
    }

    /// <summary>Counts this thread as parked, then looks once more (a producer that missed the count left work behind).</summary>
    private bool TryTakeAfterAnnouncingPark(Role role, out IThreadPoolWorkItem work)
    {
        Interlocked.Increment(ref role.Parked);
        if (_queue.TryDequeue(out work!))
        {
            // A wake-up meant for this thread may be spent by another later: one spurious wake, harmless.
            Interlocked.Decrement(ref role.Parked);
            return true;
        }

        return false;
    }

    /// <summary>A demoted thread leaves after its long item; a fresh one takes its place.</summary>
    private void Leave(Role role)
    {
        Interlocked.Decrement(ref role.Threads);
        if (!_queue.IsEmpty && Volatile.Read(ref _core.Parked) > 0)
        {
            // What this thread yielded last (see Yield) must not wait for the replacement to start.
            WakeCore();
        }

        if (role == _core)
        {
            TryStartThread(_core);
        }
        else if (Volatile.Read(ref _reserve.Threads) < ReserveKept)
        {
            Spawn(1);
        }
    }

    /// <summary>A reserve thread leaves if there are still more than <see cref="ReserveKept"/>.</summary>
    private static bool TryRetire(Role role)
    {
        var threads = Volatile.Read(ref role.Threads);
        while (threads > ReserveKept)
        {
            var seen = Interlocked.CompareExchange(ref role.Threads, threads - 1, threads);
            if (seen == threads)
            {
                return true;
            }

            threads = seen;
        }

        return false;
    }

    /// <summary>
    /// Runs one item, visible to the watchdog. Like the thread pool, an exception escaping an item ends the operating-system
    /// process; the runtime's items do not throw (a turn guards its handlers, an async handler's continuation keeps its
    /// exception in its task).
    /// </summary>
    private static void Run(WorkerThread thread, IThreadPoolWorkItem work)
    {
        thread.Items++;
        Volatile.Write(ref thread.InItem, true);
        work.Execute();
        Volatile.Write(ref thread.InItem, false);
    }

    /// <summary>One kind of thread (core or reserve): how many run, how many are parked or starting, and their wake-up.</summary>
    private sealed class Role(int limit)
    {
        public readonly int Limit = limit;
        public readonly SemaphoreSlim Wake = new(0);
        public int Threads;
        public int Parked;
        public int Starting;
    }
}
