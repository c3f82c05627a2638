using System;

namespace Arbor.EventManagers;

/// <summary>Why a handler left its manager.</summary>
public enum EventHandlerExitKind
{
    /// <summary>Deleted with <c>DeleteHandlerAsync</c> (OTP <c>remove_handler</c>/<c>delete_handler</c>).</summary>
    Deleted,

    /// <summary>It threw from <c>HandleEvent</c> or <c>HandleCall</c> (OTP <c>{error, Term}</c>).</summary>
    Crashed,

    /// <summary>Replaced by another handler with <c>SwapHandlerAsync</c> (OTP <c>{swapped, NewHandler, Pid}</c>).</summary>
    Swapped,

    /// <summary>The process that added it as a supervised handler exited.</summary>
    OwnerExited,

    /// <summary>The manager itself stopped (OTP <c>stop</c>/<c>shutdown</c>).</summary>
    ManagerStopped,
}

/// <summary>The reason given to <see cref="IEventHandler{TEvent}.Terminate"/> and to the owner of a supervised handler.</summary>
/// <param name="Kind">Why the handler left.</param>
/// <param name="Exception">The exception it threw, when it crashed.</param>
/// <param name="SwappedFor">Its successor, when it was swapped out.</param>
public sealed record EventHandlerExit(EventHandlerExitKind Kind, Exception? Exception = null, EventHandlerId? SwappedFor = null)
{
    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        EventHandlerExitKind.Crashed => $"crashed: {Exception?.GetType().Name}: {Exception?.Message}",
        EventHandlerExitKind.Swapped => $"swapped for {SwappedFor}",
        _ => Kind.ToString(),
    };
}

/// <summary>
/// Sent to the owner of a supervised handler (added with <c>AddSupHandlerAsync</c>) when the handler leaves the
/// manager for any reason but the owner's own exit (OTP's <c>{gen_event_EXIT, Handler, Reason}</c>). It arrives as an
/// ordinary info message, so the owner can re-install the handler or crash.
/// </summary>
/// <param name="Handler">The handler that left.</param>
/// <param name="Manager">The event manager.</param>
/// <param name="Reason">Why.</param>
public sealed record EventHandlerExited(EventHandlerId Handler, Pid Manager, EventHandlerExit Reason);
