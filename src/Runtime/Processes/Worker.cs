using System;
using System.Threading;

namespace Arbor;

/// <summary>
/// The per-thread side of scheduling. A scheduler thread running a process turn keeps a "run next" slot for one process
/// that the turn woke, and a slot for one call continuation whose reply the turn sent; when the turn ends the thread
/// runs them itself, so a ping-pong or a call/reply chain stays on one warm thread with no queue operations and no
/// thread wake-ups (the idea of Go's runnext).
/// </summary>
/// <remarks>
/// Nothing may wait long in a slot: the process slot goes to the run queue as soon as the current process has more of its
/// own work, chains are bounded, and a process left in a slot because its waker blocked inside a handler is rescued by
/// <see cref="RescueStalledHandOffs"/> (called from the timer thread), so a blocking handler costs a short stall, never a
/// deadlock. Only a reply sent by <see cref="GenServer"/> at the end of a handler uses the continuation slot.
/// All of a thread's state sits in one <see cref="WorkerThread"/> object so each operation costs one thread-static lookup.
/// </remarks>
internal static class Worker
{
    /// <summary>Hand-offs in a row before the rest goes back to the run queue (fairness to everything else queued).</summary>
    private const int MaxChain = 64;

    [ThreadStatic]
    private static WorkerThread? t_thread;

    public static Process? CurrentProcess => t_thread?.Current;

    /// <summary>This thread's scheduling state (registered on first use).</summary>
    public static WorkerThread This => t_thread ?? Register();

    /// <summary>True if <paramref name="process"/>'s handler is running on this thread, in a turn (a reply now can be staged).</summary>
    public static bool InTurnOf(Process process) => t_thread is { InTurn: true } thread && thread.Current == process;

    /// <summary>Makes <paramref name="process"/> the current process of this thread; returns the previous one to restore.</summary>
    public static Process? SwapCurrent(Process? process)
    {
        var thread = This;
        var previous = thread.Current;
        thread.Current = process;
        return previous;
    }

    /// <summary>Runs <paramref name="first"/>'s turn, then whatever the turns hand off, on this thread.</summary>
    public static void Run(Process first)
    {
        var thread = This;
        if (thread.InLoop)
        {
            RunTurn(thread, first);
            return;
        }

        thread.InLoop = true;
        try
        {
            var process = first;
            for (var chain = 0; process is not null; chain++)
            {
                RunTurn(thread, process);
                process = thread.TakeProcess();
                if (thread.Continuation is { } continuation)
                {
                    // The caller's continuation is user code of unknown length: whoever else was woken goes to the run queue.
                    if (process is not null)
                    {
                        process.Requeue();
                        process = null;
                    }

                    var (state, runAs) = thread.TakeContinuation();
                    thread.InHandedOffContinuation = true;
                    try
                    {
                        if (runAs is null)
                        {
                            continuation(state);
                        }
                        else
                        {
                            ProcessSynchronizationContext.RunAs(runAs, continuation, state);
                        }
                    }
                    finally
                    {
                        thread.InHandedOffContinuation = false;
                    }

                    // The continuation's next call woke its server into the slot (see TryHandOffCallTarget).
                    process = thread.TakeProcess();
                }

                if (process is not null && chain == MaxChain)
                {
                    process.RequeueYielding();
                    return;
                }
            }
        }
        finally
        {
            thread.InLoop = false;
        }
    }

    /// <summary>
    /// Runs one turn of <paramref name="process"/> with nothing chained after it: what the turn put in this thread's slots
    /// goes to <paramref name="scheduler"/> instead (the deterministic scheduler, whose seed picks every next step).
    /// </summary>
    public static void RunAlone(Process process, Scheduling.ProcessScheduler scheduler)
    {
        var thread = This;
        thread.InLoop = true;
        try
        {
            RunTurn(thread, process);
        }
        finally
        {
            thread.InLoop = false;
        }

        if (thread.TakeProcess() is { } next)
        {
            scheduler.Queue(next);
        }

        if (thread.Continuation is { } continuation)
        {
            var (state, runAs) = thread.TakeContinuation();
            scheduler.Queue(new HandedOff(continuation, state, runAs));
        }
    }

    /// <summary>
    /// Claims the run-next slot for <paramref name="process"/>; false outside a process turn (or a delivering thread's
    /// batch, see <see cref="WorkerThread.CollectsWoken"/>) or when the slot is taken.
    /// </summary>
    public static bool TryHandOff(Process process) =>
        t_thread is { } thread && (thread.InTurn || thread.CollectsWoken) && thread.TryPutProcess(process);

    /// <summary>
    /// Claims the run-next slot for the server of a call made by a continuation this thread took from its slot: the
    /// caller is about to await the reply, so the server runs next on this warm thread and the reply comes back here
    /// (a call loop costs no queue operation and no thread wake-up). Only calls do this: a continuation that casts and
    /// carries on would leave its server waiting, while a caller awaits at once. A caller that does carry on before
    /// awaiting is covered by the rescuer, like a blocked waker.
    /// </summary>
    public static bool TryHandOffCallTarget(WorkerThread thread, Process process) =>
        (thread.InTurn || thread.InHandedOffContinuation) && thread.TryPutProcess(process);

    /// <summary>
    /// Claims the continuation slot; false outside a process turn or when the slot is taken. A continuation captured
    /// inside a process's handler (<paramref name="runAs"/>) runs as that process.
    /// </summary>
    public static bool TryHandOff(Action<object?> continuation, object? state, Process? runAs)
    {
        if (t_thread is not { InTurn: true, Continuation: null } thread)
        {
            return false;
        }

        thread.Continuation = continuation;
        thread.ContinuationState = state;
        thread.ContinuationProcess = runAs;
        return true;
    }

    /// <summary>Gives what the slots hold back to be scheduled (processes to their run queue, a non-process caller's continuation to the thread pool): the current turn has more work of its own.</summary>
    public static void ReleaseHandOffs(WorkerThread thread)
    {
        if (thread.HasProcess && thread.TakeProcess() is { } process)
        {
            process.Requeue();
        }

        if (thread.Continuation is { } continuation)
        {
            var (state, runAs) = thread.TakeContinuation();
            if (runAs is null)
            {
                ThreadPool.UnsafeQueueUserWorkItem(continuation, state, preferLocal: true);
            }
            else
            {
                runAs.SynchronizationContext.Post(static s => ((ContinuationOf)s!).Run(), new ContinuationOf(continuation, state));
            }
        }
    }

    /// <summary>Moves processes that have sat in a slot since the previous scan to their run queue (their waker is stuck).</summary>
    public static void RescueStalledHandOffs()
    {
        foreach (var thread in WorkerThreadRegistry.All)
        {
            if (thread.TryRescue() is { } process)
            {
                process.Requeue();
            }
        }
    }

    private static WorkerThread Register()
    {
        var thread = new WorkerThread(Thread.CurrentThread);
        WorkerThreadRegistry.Add(thread);
        t_thread = thread;
        return thread;
    }

    private static void RunTurn(WorkerThread thread, Process process)
    {
        var previous = thread.Current;
        var wasInTurn = thread.InTurn;
        var previousContext = SynchronizationContext.Current;
        thread.Current = process;
        thread.InTurn = true;
        thread.Turns++;
        SynchronizationContext.SetSynchronizationContext(process.SynchronizationContext);
        try
        {
            process.RunTurn(thread);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previousContext);
            thread.Current = previous;
            thread.InTurn = wasInTurn;
        }
    }

    /// <summary>A continuation taken from a slot, as a work item (run as its process when it was captured in one).</summary>
    private sealed class HandedOff(Action<object?> continuation, object? state, Process? runAs) : IThreadPoolWorkItem
    {
        public void Execute()
        {
            if (runAs is null)
            {
                continuation(state);
            }
            else
            {
                ProcessSynchronizationContext.RunAs(runAs, continuation, state);
            }
        }
    }

    /// <summary>A continuation and its state, for posting through a process context.</summary>
    private sealed class ContinuationOf(Action<object?> continuation, object? state)
    {
        public void Run() => continuation(state);
    }
}
