using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Arbor.EventManagers;

/// <summary>
/// A typed client for an event manager of <typeparamref name="TEvent"/> events. It only holds the pid. Requests go
/// over the GenServer protocol, so they fail as calls do (<see cref="CallTimeoutException"/>,
/// <see cref="NoProcessException"/>, ...); requests about one handler that fail throw <see cref="EventHandlerException"/>.
/// </summary>
/// <typeparam name="TEvent">The events the manager distributes.</typeparam>
public readonly struct EventManagerRef<TEvent> : IProcessRef<EventManagerRef<TEvent>>, IEquatable<EventManagerRef<TEvent>>
{
    private EventManagerRef(Pid pid) => Pid = pid;

    /// <summary>The manager process.</summary>
    public Pid Pid { get; }

    /// <summary>A client for <paramref name="pid"/>, which should be an event manager of <typeparamref name="TEvent"/>.</summary>
    public static EventManagerRef<TEvent> FromPid(Pid pid) => new(pid);

    /// <summary>Sends <paramref name="event"/> to every handler and returns at once (OTP <c>notify</c>); never fails.</summary>
    public void Notify(TEvent @event) => GenServer.Cast(Pid, new NotifyCast<TEvent>(@event));

    /// <summary>Sends <paramref name="event"/> to every handler and completes once all have handled it (OTP <c>sync_notify</c>).</summary>
    public async ValueTask SyncNotifyAsync(TEvent @event, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        await GenServer.CallAsync(Pid, new SyncNotifyCall<TEvent>(@event), timeout, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Adds a handler (OTP <c>add_handler</c>): <paramref name="factory"/> runs inside the manager and creates it.
    /// </summary>
    /// <exception cref="EventHandlerException">The factory threw; nothing was added.</exception>
    public ValueTask<EventHandlerId> AddHandlerAsync(Func<IEventHandler<TEvent>> factory, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return GenServer.CallAsync(Pid, new AddHandlerCall<TEvent>(factory, Pid.None), timeout);
    }

    /// <summary>
    /// Adds a handler supervised by the calling process (OTP <c>add_sup_handler</c>): if the handler leaves the manager
    /// for any reason, the caller receives an <see cref="EventHandlerExited"/> info message; if the caller exits, the
    /// handler is removed. Must be called from inside a process.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called outside a process.</exception>
    /// <exception cref="EventHandlerException">The factory threw; nothing was added.</exception>
    public ValueTask<EventHandlerId> AddSupHandlerAsync(Func<IEventHandler<TEvent>> factory, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var owner = Process.Current ?? throw new InvalidOperationException(
            "AddSupHandlerAsync makes the calling process the handler's owner, but this call is not running inside a process; use AddHandlerAsync instead.");
        return GenServer.CallAsync(Pid, new AddHandlerCall<TEvent>(factory, owner.Pid), timeout);
    }

    /// <summary>Removes a handler (OTP <c>delete_handler</c>); returns what its terminate returned.</summary>
    /// <exception cref="EventHandlerException">There is no such handler.</exception>
    public ValueTask<object?> DeleteHandlerAsync(EventHandlerId handler, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return GenServer.CallAsync(Pid, new DeleteHandlerCall(handler), timeout);
    }

    /// <summary>
    /// Replaces a handler (OTP <c>swap_handler</c>): the old one's terminate runs, and what it returns is passed to
    /// <paramref name="factory"/>, which creates the successor inside the manager. A supervised handler's successor has
    /// the same owner, which is told the old one was swapped.
    /// </summary>
    /// <exception cref="EventHandlerException">There is no such handler, or the factory threw (the old one is gone then).</exception>
    public ValueTask<EventHandlerId> SwapHandlerAsync(EventHandlerId old, Func<object?, IEventHandler<TEvent>> factory, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(factory);
        return GenServer.CallAsync(Pid, new SwapHandlerCall<TEvent>(old, factory), timeout);
    }

    /// <summary>Sends <paramref name="request"/> to one handler and returns its reply (OTP <c>gen_event:call</c>).</summary>
    /// <exception cref="EventHandlerException">There is no such handler, or it threw (it was removed).</exception>
    /// <exception cref="InvalidCastException">The reply is not a <typeparamref name="TReply"/>.</exception>
    public async ValueTask<TReply> CallAsync<TReply>(EventHandlerId handler, object request, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(request);
        return (TReply)(await GenServer.CallAsync(Pid, new HandlerCall(handler, request), timeout).ConfigureAwait(false))!;
    }

    /// <summary>The installed handlers, in the order they were added (OTP <c>which_handlers</c>).</summary>
    public ValueTask<IReadOnlyList<EventHandlerId>> WhichHandlersAsync(TimeSpan? timeout = null) =>
        GenServer.CallAsync(Pid, new WhichHandlersCall(), timeout);

    /// <summary>
    /// Stops the manager normally (OTP <c>gen_event:stop</c>): every handler's terminate runs and the owners of
    /// supervised handlers are told; completes once the manager has exited.
    /// </summary>
    public async ValueTask StopAsync(TimeSpan? timeout = null)
    {
        var process = Pid.Process;
        await GenServer.CallAsync(Pid, new StopManagerCall(), timeout).ConfigureAwait(false);
        if (process is not null)
        {
            await process.WaitForExit().ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public bool Equals(EventManagerRef<TEvent> other) => Pid.Equals(other.Pid);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is EventManagerRef<TEvent> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Pid.GetHashCode();

    /// <inheritdoc/>
    public override string ToString() => "EventManager" + Pid;
}
