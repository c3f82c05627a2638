using System;
using System.Collections.Concurrent;
using System.Threading;

namespace Arbor;

/// <summary>
/// The per-thread side of scheduling. A pool thread running a process turn keeps a "run next" slot for one process
/// that the turn woke, and a slot for one call continuation whose reply the turn sent; when the turn ends the thread
/// runs them itself, so a ping-pong or a call/reply chain stays on one warm thread with no queue operations and no
/// thread wake-ups (the idea of Go's runnext).
/// </summary>
/// <remarks>
/// Nothing may wait long in a slot: the process slot goes to the pool as soon as the current process has more of its
/// own work, chains are bounded, and a process left in a slot because its waker blocked inside a handler is rescued by
/// <see cref="RescueStalledHandOffs"/> (called from the timer thread), so a blocking handler costs a short stall, never a
/// deadlock. Only a reply sent by <see cref="GenServer"/> at the end of a handler uses the continuation slot.
/// </remarks>
internal static class Worker
{
    /// <summary>Hand-offs in a row before the rest goes back to the pool (fairness to everything else queued).</summary>
    private const int MaxChain = 64;

    private static readonly ConcurrentBag<HandOffSlot> s_slots = new();

    [ThreadStatic]
    private static bool t_inLoop;

    [ThreadStatic]
    private static bool t_inTurn;

    [ThreadStatic]
    private static Process? t_current;

    [ThreadStatic]
    private static HandOffSlot? t_slot;

    [ThreadStatic]
    private static Action<object?>? t_continuation;

    [ThreadStatic]
    private static object? t_continuationState;

    [ThreadStatic]
    private static Process? t_continuationProcess;

    public static Process? CurrentProcess => t_current;

    /// <summary>True while a process turn runs on this thread (a reply sent now can hand its continuation off).</summary>
    public static bool InTurn => t_inTurn;

    /// <summary>Makes <paramref name="process"/> the current process of this thread; returns the previous one to restore.</summary>
    public static Process? SwapCurrent(Process? process)
    {
        var previous = t_current;
        t_current = process;
        return previous;
    }

    /// <summary>Runs <paramref name="first"/>'s turn, then whatever the turns hand off, on this thread.</summary>
    public static void Run(Process first)
    {
        if (t_inLoop)
        {
            RunTurn(first);
            return;
        }

        t_inLoop = true;
        try
        {
            var process = first;
            for (var chain = 0; process is not null; chain++)
            {
                RunTurn(process);
                process = t_slot?.Take();
                if (t_continuation is { } continuation)
                {
                    // The caller's continuation is user code of unknown length: whoever else was woken goes to the pool.
                    if (process is not null)
                    {
                        ThreadPool.UnsafeQueueUserWorkItem(process, preferLocal: false);
                        process = null;
                    }

                    var state = t_continuationState;
                    var runAs = t_continuationProcess;
                    t_continuation = null;
                    t_continuationState = null;
                    t_continuationProcess = null;
                    if (runAs is null)
                    {
                        continuation(state);
                    }
                    else
                    {
                        ProcessSynchronizationContext.RunAs(runAs, continuation, state);
                    }
                }

                if (process is not null && chain == MaxChain)
                {
                    ThreadPool.UnsafeQueueUserWorkItem(process, preferLocal: false);
                    return;
                }
            }
        }
        finally
        {
            t_inLoop = false;
        }
    }

    /// <summary>Claims the run-next slot for <paramref name="process"/>; false outside a process turn or when the slot is taken.</summary>
    public static bool TryHandOff(Process process)
    {
        if (!t_inTurn)
        {
            return false;
        }

        var slot = t_slot ??= HandOffSlot.Register(s_slots);
        return slot.TryPut(process);
    }

    /// <summary>
    /// Claims the continuation slot; false outside a process turn or when the slot is taken. A continuation captured
    /// inside a process's handler (<paramref name="runAs"/>) runs as that process.
    /// </summary>
    public static bool TryHandOff(Action<object?> continuation, object? state, Process? runAs)
    {
        if (!t_inTurn || t_continuation is not null)
        {
            return false;
        }

        t_continuation = continuation;
        t_continuationState = state;
        t_continuationProcess = runAs;
        return true;
    }

    /// <summary>Gives what the slots hold to the thread pool: the current turn has more work of its own.</summary>
    public static void ReleaseHandOffs()
    {
        if (t_slot is { HasProcess: true } slot && slot.Take() is { } process)
        {
            ThreadPool.UnsafeQueueUserWorkItem(process, preferLocal: true);
        }

        if (t_continuation is { } continuation)
        {
            var state = t_continuationState;
            var runAs = t_continuationProcess;
            t_continuation = null;
            t_continuationState = null;
            t_continuationProcess = null;
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

    /// <summary>A continuation and its state, for posting through a process context.</summary>
    private sealed class ContinuationOf(Action<object?> continuation, object? state)
    {
        public void Run() => continuation(state);
    }

    /// <summary>Moves processes that have sat in a slot since the previous scan to the pool (their waker is stuck).</summary>
    public static void RescueStalledHandOffs()
    {
        foreach (var slot in s_slots)
        {
            if (slot.TryRescue() is { } process)
            {
                ThreadPool.UnsafeQueueUserWorkItem(process, preferLocal: false);
            }
        }
    }

    private static void RunTurn(Process process)
    {
        var previous = t_current;
        var wasInTurn = t_inTurn;
        var previousContext = SynchronizationContext.Current;
        t_current = process;
        t_inTurn = true;
        SynchronizationContext.SetSynchronizationContext(process.SynchronizationContext);
        try
        {
            process.RunTurn();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previousContext);
            t_current = previous;
            t_inTurn = wasInTurn;
        }
    }

    /// <summary>A thread's run-next slot; shared with the rescuer, so it changes hands by compare-and-swap.</summary>
    private sealed class HandOffSlot
    {
        private Process? _process;
        private int _stamp;
        private int _seenStamp;

        public bool HasProcess => Volatile.Read(ref _process) is not null;

        public static HandOffSlot Register(ConcurrentBag<HandOffSlot> all)
        {
            var slot = new HandOffSlot();
            all.Add(slot);
            return slot;
        }

        public bool TryPut(Process process)
        {
            if (Volatile.Read(ref _process) is not null)
            {
                return false;
            }

            _stamp++;
            Volatile.Write(ref _process, process);
            return true;
        }

        public Process? Take() => Volatile.Read(ref _process) is null ? null : Interlocked.Exchange(ref _process, null);

        public Process? TryRescue()
        {
            var process = Volatile.Read(ref _process);
            var stamp = Volatile.Read(ref _stamp);
            if (process is null || stamp != _seenStamp)
            {
                _seenStamp = stamp;
                return null;
            }

            return Interlocked.CompareExchange(ref _process, null, process) == process ? process : null;
        }
    }
}
