using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Arbor.Scheduling;

/// <summary>
/// The scheduler of a node started with <see cref="ArborNodeOptions.DeterministicSeed"/>: one thread runs everything the
/// node's processes do — turns, handler continuations, dirty handlers — and, of the work items ready, a PRNG seeded with the
/// seed chooses which runs next. A turn runs alone (nothing it wakes is chained after it on the same thread), so every
/// choice of who runs next is the seed's. A test scenario run on this thread too (<see cref="RunAsync"/>) interleaves
/// with the processes by the seed as well, so the same seed replays the same interleaving.
/// </summary>
/// <remarks>
/// What is not the seed's: timers (SendAfter, call and state timeouts) fire on the timer thread in real time, and code
/// that leaves the scheduler with <c>ConfigureAwait(false)</c> or the thread pool runs in real time too. Scenarios that
/// avoid both replay exactly.
/// </remarks>
internal sealed class DeterministicScheduler : ProcessScheduler, IDisposable
{
    private readonly object _gate = new();
    private readonly List<IThreadPoolWorkItem> _ready = new();
    private readonly Random _random;
    private readonly Context _context;
    private bool _disposed;

    public DeterministicScheduler(int seed)
    {
        Seed = seed;
        _random = new Random(seed);
        _context = new Context(this);
        new Thread(Loop) { IsBackground = true, Name = "Arbor deterministic scheduler (seed " + seed + ")" }.UnsafeStart();
    }

    public int Seed { get; }

    /// <summary>Work items run so far (a replay under the same seed runs the same sequence).</summary>
    public long Steps { get; private set; }

    public override void Queue(IThreadPoolWorkItem work)
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _ready.Add(work);
                Monitor.Pulse(_gate);
                return;
            }
        }

        // The node is gone: whatever still comes runs on the shared scheduler, so nothing waits forever.
        SchedulerThreads.Shared.Queue(work);
    }

    /// <summary>A pseudo-random generator of its own, seeded like the scheduler's, for other choices the seed makes (which of several timers due at once fires first).</summary>
    public Random CreateTieBreaker() => new(unchecked(Seed * 31 + 17));

    /// <summary>Runs <paramref name="body"/> on the scheduler's thread; its awaits resume there, chosen by the seed like the processes.</summary>
    public Task RunAsync(Func<Task> body)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Queue(new Scenario(body, done));
        return done.Task;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            Monitor.Pulse(_gate);
        }
    }

    private void Loop()
    {
        SynchronizationContext.SetSynchronizationContext(_context);
        while (true)
        {
            IThreadPoolWorkItem work;
            lock (_gate)
            {
                while (_ready.Count == 0 && !_disposed)
                {
                    Monitor.Wait(_gate);
                }

                if (_ready.Count == 0)
                {
                    return;
                }

                var index = _random.Next(_ready.Count);
                work = _ready[index];
                _ready.RemoveAt(index);
                Steps++;
            }

            try
            {
                if (work is Process process)
                {
                    Worker.RunAlone(process, this);
                }
                else
                {
                    work.Execute();
                }
            }
            catch (Exception)
            {
                // The runtime's items do not throw; should one, the thread must live on or every process would hang.
            }
        }
    }

    /// <summary>Awaits inside a scenario (and anything else posted here) resume on the scheduler, as one more ready item.</summary>
    private sealed class Context(DeterministicScheduler scheduler) : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state) => scheduler.Queue(new Posted(d, state));

        public override SynchronizationContext CreateCopy() => this;
    }

    private sealed class Posted(SendOrPostCallback callback, object? state) : IThreadPoolWorkItem
    {
        public void Execute() => callback(state);
    }

    private sealed class Scenario(Func<Task> body, TaskCompletionSource done) : IThreadPoolWorkItem
    {
        public void Execute()
        {
            Task running;
            try
            {
                running = body();
            }
            catch (Exception exception)
            {
                done.TrySetException(exception);
                return;
            }

            running.ContinueWith(
                static (finished, state) =>
                {
                    var done = (TaskCompletionSource)state!;
                    if (finished.IsFaulted)
                    {
                        done.TrySetException(finished.Exception!.InnerExceptions);
                    }
                    else if (finished.IsCanceled)
                    {
                        done.TrySetCanceled();
                    }
                    else
                    {
                        done.TrySetResult();
                    }
                },
                done,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }
}
