namespace Arbor.EventManagers;

/// <summary>
/// An event handler installed in an event manager (OTP's <c>gen_event</c> callback module). Each installed handler is
/// its own object: its state is its fields, isolated from the other handlers, and it runs inside the manager process
/// one event at a time. The object is created inside the manager by the factory given to <c>AddHandlerAsync</c> (that
/// is its init).
/// </summary>
/// <remarks>
/// A handler that throws is removed from the manager (its <see cref="Terminate"/> runs with the exception); the manager
/// and the other handlers carry on, as in OTP. A supervised handler's owner is then told with an
/// <see cref="EventHandlerExited"/> message.
/// </remarks>
/// <typeparam name="TEvent">The events the manager distributes.</typeparam>
public interface IEventHandler<in TEvent>
{
    /// <summary>Handles one event (OTP <c>handle_event</c>), from <c>Notify</c> or <c>SyncNotifyAsync</c>.</summary>
    /// <param name="event">The event.</param>
    void HandleEvent(TEvent @event);

    /// <summary>
    /// Answers a request sent to this handler alone with <c>CallAsync</c> (OTP <c>handle_call</c>). The default refuses
    /// every request, which removes the handler like any other exception.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <returns>The reply.</returns>
    object? HandleCall(object request) => throw new System.NotSupportedException($"{GetType().Name} answers no calls (request {request}).");

    /// <summary>
    /// Runs when the handler is removed: deleted, swapped out, crashed, its owner exited, or the manager stopped (OTP
    /// <c>terminate</c>). When the handler is swapped out, the value returned is handed to its successor's factory.
    /// </summary>
    /// <param name="reason">Why the handler is removed.</param>
    /// <returns>A value for a successor (swap); ignored otherwise.</returns>
    object? Terminate(EventHandlerExit reason) => null;
}
