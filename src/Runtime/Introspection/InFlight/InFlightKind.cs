namespace Arbor.Introspection.InFlight;

/// <summary>The kinds of work a tracking node counts until it is done (see <see cref="InFlightCounter"/>).</summary>
internal enum InFlightKind
{
    /// <summary>A process scheduled or running: from the wake-up (or start) until it goes idle or its exit has been sent.</summary>
    Process,

    /// <summary>
    /// A continuation on its way back into a process: a handler's await resuming on its process, a call's reply or a
    /// start's result dispatched to a waiting process, from the dispatch until the continuation has run.
    /// </summary>
    Continuation,

    /// <summary>A dirty handler queued to or running on a dirty thread, until its synchronous part is over.</summary>
    DirtyHandler,

    /// <summary>Timers that came due together, queued to a deterministic node's scheduler to be delivered in seed order.</summary>
    TimerDelivery,
}
