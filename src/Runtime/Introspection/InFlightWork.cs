namespace Arbor.Introspection;

/// <summary>
/// A snapshot of a tracking node's in-flight work (<see cref="NodeIntrospection.InFlightWork"/>): what has been handed
/// from one thread to another and has not yet run. All zero means the node is quiescent.
/// </summary>
/// <param name="Processes">Processes scheduled or running (woken and not yet idle again, or exiting).</param>
/// <param name="Continuations">Continuations on their way back into a process: a handler's await resuming, a call's reply or a start's result for a waiting process.</param>
/// <param name="DirtyHandlers">Dirty handlers queued to or running on a dirty thread.</param>
/// <param name="TimerDeliveries">Batches of due timers queued to a deterministic node's scheduler.</param>
public readonly record struct InFlightWork(long Processes, long Continuations, long DirtyHandlers, long TimerDeliveries)
{
    /// <summary>Everything in flight.</summary>
    public long Total => Processes + Continuations + DirtyHandlers + TimerDeliveries;

    /// <summary>True when nothing is in flight.</summary>
    public bool IsQuiescent => Total == 0;
}
