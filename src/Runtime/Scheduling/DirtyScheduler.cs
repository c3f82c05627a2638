using System;
using System.Collections.Concurrent;
using System.Threading;

namespace Arbor.Scheduling;

/// <summary>
/// A node's dirty schedulers (the BEAM's name): a small fixed set of dedicated threads that run handlers marked
/// <c>Dirty = true</c>, so long CPU-bound or blocking work never occupies the scheduler threads ordinary processes
/// run on. Bounded on purpose: dirty work beyond the thread count waits its turn here instead of oversubscribing the
/// machine. The threads start with the first dirty handler and run at a lower operating-system priority
/// (<see cref="DirtyThreadPriority"/>), so on a busy machine ordinary processes get the cores first.
/// </summary>
/// <remarks>
/// When the node is disposed the threads finish what is queued and exit; work queued after that runs on the thread pool,
/// so no waiting process is left without its handler.
/// </remarks>
internal sealed class DirtyScheduler : IDisposable
{
    /// <summary>Upper bound on <see cref="ArborNodeOptions.DirtySchedulers"/>.</summary>
    public const int MaxThreads = 1024;

    private readonly ConcurrentQueue<DirtyWork> _queue = new();
    private readonly SemaphoreSlim _ready = new(0);
    private readonly int _threadCount;
    private int _started;
    private volatile bool _disposed;

    private readonly DeterministicScheduler? _deterministic;

    /// <summary>Creates the scheduler; in deterministic mode dirty work runs on <paramref name="deterministic"/>'s one thread like the rest.</summary>
    public DirtyScheduler(int threadCount, DeterministicScheduler? deterministic)
    {
        _threadCount = threadCount;
        _deterministic = deterministic;
    }

    /// <summary>Runs <paramref name="work"/> on a dirty thread.</summary>
    public void Queue(DirtyWork work)
    {
        if (_deterministic is not null)
        {
            _deterministic.Queue(work);
            return;
        }

        if (Volatile.Read(ref _started) == 0)
        {
            Start();
        }

        _queue.Enqueue(work);
        _ready.Release();
        if (_disposed)
        {
            // The threads may have drained and exited before this enqueue: whatever is left runs on the pool.
            DrainToPool();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        if (Volatile.Read(ref _started) != 0)
        {
            _ready.Release(_threadCount);
        }
    }

    private void Start()
    {
        if (Interlocked.CompareExchange(ref _started, 1, 0) != 0)
        {
            return;
        }

        for (var i = 0; i < _threadCount; i++)
        {
            new Thread(Loop) { IsBackground = true, Name = "Arbor dirty scheduler " + (i + 1) }.Start();
        }
    }

    private void Loop()
    {
        DirtyThreadPriority.LowerCurrentThread();
        while (true)
        {
            _ready.Wait();
            if (_queue.TryDequeue(out var work))
            {
                work.Run();
            }
            else if (_disposed)
            {
                return;
            }
        }
    }

    private void DrainToPool()
    {
        while (_queue.TryDequeue(out var work))
        {
            ThreadPool.UnsafeQueueUserWorkItem(work, preferLocal: false);
        }
    }
}
