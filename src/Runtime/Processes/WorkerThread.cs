using System;
using System.Threading;

namespace Arbor;

/// <summary>
/// One thread's scheduling state (see <see cref="Worker"/>). Everything but the run-next process is touched only by its
/// own thread; the run-next process is shared with the timer thread's rescuer, so it changes hands by compare-and-swap.
/// </summary>
internal sealed class WorkerThread
{
    private readonly Thread _owner;
    private Process? _next;
    private int _stamp;
    private int _seenStamp;

    public bool InLoop;
    public bool InTurn;

    /// <summary>
    /// Set on a thread that delivers messages from outside any turn (a distribution connection's reader) while it does:
    /// the first process its deliveries wake goes to its run-next slot, for the thread to run itself afterwards (see
    /// <see cref="Scheduling.DeliveringThread"/>).
    /// </summary>
    public bool CollectsWoken;

    /// <summary>
    /// Called by the watchdog, on its own thread, when a work item holds this thread (a thread that is not a scheduler
    /// thread and has duties of its own, which the hook hands to another thread). Null for scheduler threads, which the
    /// watchdog compensates for instead.
    /// </summary>
    public Action? WhenHeld;

    /// <summary>True while this thread runs a call continuation it took from its slot after a turn.</summary>
    public bool InHandedOffContinuation;
    public Process? Current;
    public Action<object?>? Continuation;
    public object? ContinuationState;
    public Process? ContinuationProcess;

    /// <summary>Where this thread registers the timeouts of the calls it makes (created by its first timed call).</summary>
    public Timers.CallTimeoutRing? CallTimeouts;

    /// <summary>
    /// Turns started on this thread. One plain increment per turn is all the hot path pays for long-turn detection: the
    /// watchdog sees a turn that spans its passes by this count standing still (see <see cref="Scheduling.TurnWatchdog"/>).
    /// </summary>
    public int Turns;

    /// <summary>
    /// Work items (turns, handler continuations) a scheduler thread has started, and whether it is inside one: the
    /// watchdog counts a thread as held by any item that spans its passes, not only by a process turn.
    /// </summary>
    public int Items;

    public bool InItem;

    /// <summary>
    /// Set on a scheduler thread (with its kernel id, <see cref="NativeId"/>) the watchdog may demote: when an item holds
    /// it, the thread drops to low priority, finishes that item and leaves (a fresh thread takes its place).
    /// </summary>
    public bool Demotable;

    public int NativeId;

    /// <summary>Set by the watchdog once it has lowered this thread's priority.</summary>
    public bool Demoted;

    public Thread Owner => _owner;

    /// <summary>What the watchdog last saw of this thread; touched only by the watchdog.</summary>
    public readonly Scheduling.TurnWatch Watch = new();

    public WorkerThread(Thread owner) => _owner = owner;

    public bool HasProcess => Volatile.Read(ref _next) is not null;

    /// <summary>The thread has exited and nothing of it is left to look at: no parked process, no outstanding call timeout.</summary>
    public bool CanBeDropped => !_owner.IsAlive && !HasProcess && CallTimeouts?.IsEmpty != false;

    /// <summary>Whether either slot holds something; a hint for the owner's hot loop (a plain read is enough there).</summary>
    public bool HasHandOffs => _next is not null || Continuation is not null;

    public bool TryPutProcess(Process process)
    {
        if (Volatile.Read(ref _next) is not null)
        {
            return false;
        }

        _stamp++;
        Volatile.Write(ref _next, process);
        return true;
    }

    public Process? TakeProcess() => Volatile.Read(ref _next) is null ? null : Interlocked.Exchange(ref _next, null);

    public (object? State, Process? RunAs) TakeContinuation()
    {
        var taken = (ContinuationState, ContinuationProcess);
        Continuation = null;
        ContinuationState = null;
        ContinuationProcess = null;
        return taken;
    }

    /// <summary>Called by the rescuer: takes a run-next process that has not changed since the previous scan.</summary>
    public Process? TryRescue()
    {
        var process = Volatile.Read(ref _next);
        var stamp = Volatile.Read(ref _stamp);
        if (process is null || stamp != _seenStamp)
        {
            _seenStamp = stamp;
            return null;
        }

        return Interlocked.CompareExchange(ref _next, null, process) == process ? process : null;
    }
}
