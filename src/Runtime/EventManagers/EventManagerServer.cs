using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Arbor.Protocol;
using Microsoft.Extensions.Logging;

namespace Arbor.EventManagers;

/// <summary>
/// The event manager process (OTP <c>gen_event</c>): a GenServer holding the installed handlers in the order they were
/// added. A handler's failure is contained here: it is removed, its terminate runs, its owner is told, and the manager
/// and the other handlers go on.
/// </summary>
internal sealed class EventManagerServer<TEvent> : GenServer
{
    private readonly List<Installed> _handlers = new();
    private readonly ILogger _logger;
    private long _nextNumber;

    public EventManagerServer()
    {
        // Handlers are removed, not the manager, when their owners exit: the manager hears of it by monitor.
        _logger = Node.LoggerFactory.CreateLogger("Arbor.EventManager");

        // As gen_event: a shutdown from the supervisor runs terminate, so every handler's terminate runs and owners are told.
        TrapExit = true;
    }

    protected override ValueTask HandleCastAsync(CastMessage cast)
    {
        if (cast is NotifyCast<TEvent> notify)
        {
            Distribute(notify.Event);
            return default;
        }

        return base.HandleCastAsync(cast);
    }

    protected override ValueTask HandleCallAsync(CallMessage call)
    {
        try
        {
            return Answer(call);
        }
        catch (CallFailure failure)
        {
            // A request about one handler failed: its caller gets the error, the manager carries on.
            call.TryFail(failure.Error);
            return default;
        }
    }

    private ValueTask Answer(CallMessage call)
    {
        switch (call)
        {
            case SyncNotifyCall<TEvent> notify:
                Distribute(notify.Event);
                Reply(notify, true);
                return default;
            case AddHandlerCall<TEvent> add:
                Reply(add, Install(() => add.Factory(), add.Owner));
                return default;
            case DeleteHandlerCall delete:
                Reply(delete, Remove(Find(delete.Handler), new EventHandlerExit(EventHandlerExitKind.Deleted)));
                return default;
            case SwapHandlerCall<TEvent> swap:
                Reply(swap, Swap(Find(swap.Old), swap.Factory));
                return default;
            case HandlerCall request:
                Reply(request, CallHandler(Find(request.Handler), request.Request));
                return default;
            case StopManagerCall stop:
                Stop(ExitReason.Normal);
                Reply(stop, true);
                return default;
            case WhichHandlersCall which:
                Reply(which, _handlers.ConvertAll(installed => installed.Id));
                return default;
            default:
                return base.HandleCallAsync(call);
        }
    }

    protected override ValueTask HandleInfoAsync(object message)
    {
        if (message is Down down && _handlers.Find(installed => ReferenceEquals(installed.OwnerMonitor, down.Ref)) is { } orphan)
        {
            // A supervised handler goes with its owner; the owner is gone, so nobody is told.
            orphan.OwnerMonitor = null;
            Remove(orphan, new EventHandlerExit(EventHandlerExitKind.OwnerExited));
            return default;
        }

        return base.HandleInfoAsync(message);
    }

    protected override ValueTask TerminateAsync(ExitReason reason)
    {
        foreach (var installed in _handlers.ToArray())
        {
            Remove(installed, new EventHandlerExit(EventHandlerExitKind.ManagerStopped));
        }

        return default;
    }

    public override string ToString() => $"event manager with {_handlers.Count} handler(s): {string.Join(", ", _handlers.ConvertAll(installed => installed.Id))}";

    private void Distribute(TEvent value)
    {
        // A handler that crashes is removed from the list at once; the index steps back so the next one is not skipped.
        var handlers = _handlers;
        for (var i = 0; i < handlers.Count; i++)
        {
            var installed = handlers[i];
            try
            {
                installed.Handler.HandleEvent(value);
            }
            catch (Exception exception)
            {
                Crashed(installed, exception, "event " + Describe(value));
                i--;
            }
        }
    }

    private EventHandlerId Install(Func<IEventHandler<TEvent>> create, Pid owner)
    {
        IEventHandler<TEvent> handler;
        try
        {
            handler = create() ?? throw new InvalidOperationException("The handler factory returned null.");
        }
        catch (Exception exception)
        {
            return Fail(new EventHandlerException("The event handler could not be added: its factory threw.", exception));
        }

        return Add(handler, owner);
    }

    private EventHandlerId Add(IEventHandler<TEvent> handler, Pid owner)
    {
        var id = new EventHandlerId(++_nextNumber, handler.GetType().Name);
        var installed = new Installed(id, handler, owner);
        if (!owner.IsNone)
        {
            installed.OwnerMonitor = Monitor(owner);
        }

        _handlers.Add(installed);
        return id;
    }

    private EventHandlerId Swap(Installed old, Func<object?, IEventHandler<TEvent>> create)
    {
        // OTP: the old handler's terminate result initialises the new one, which inherits the old one's owner.
        var owner = old.Owner;
        var handoff = Terminate(old, new EventHandlerExit(EventHandlerExitKind.Swapped));
        _handlers.Remove(old);
        ForgetOwner(old);
        IEventHandler<TEvent> successor;
        try
        {
            successor = create(handoff) ?? throw new InvalidOperationException("The handler factory returned null.");
        }
        catch (Exception exception)
        {
            Tell(owner, old.Id, new EventHandlerExit(EventHandlerExitKind.Crashed, exception));
            return Fail(new EventHandlerException($"{old.Id} was removed, but its successor could not be added: its factory threw.", exception));
        }

        var id = Add(successor, owner);
        Tell(owner, old.Id, new EventHandlerExit(EventHandlerExitKind.Swapped, SwappedFor: id));
        return id;
    }

    private object? CallHandler(Installed installed, object request)
    {
        try
        {
            return installed.Handler.HandleCall(request);
        }
        catch (Exception exception)
        {
            Crashed(installed, exception, "call " + Describe(request));
            return Fail<object?>(new EventHandlerException($"{installed.Id} failed on the call and was removed.", exception));
        }
    }

    private object? Remove(Installed installed, EventHandlerExit reason)
    {
        _handlers.Remove(installed);
        ForgetOwner(installed);
        var result = Terminate(installed, reason);
        if (reason.Kind != EventHandlerExitKind.OwnerExited)
        {
            Tell(installed.Owner, installed.Id, reason);
        }

        return result;
    }

    private void Crashed(Installed installed, Exception exception, string during)
    {
        if (_logger.IsEnabled(LogLevel.Error))
        {
            _logger.LogError(exception, "Event handler {Handler} in manager {Manager} crashed handling {Message} and was removed", installed.Id, Self, during);
        }

        Remove(installed, new EventHandlerExit(EventHandlerExitKind.Crashed, exception));
    }

    /// <summary>Runs a handler's terminate; what it throws is reported, never allowed to take the manager down.</summary>
    private object? Terminate(Installed installed, EventHandlerExit reason)
    {
        try
        {
            return installed.Handler.Terminate(reason);
        }
        catch (Exception exception)
        {
            if (_logger.IsEnabled(LogLevel.Error))
            {
                _logger.LogError(exception, "Event handler {Handler} in manager {Manager} threw from Terminate ({Reason})", installed.Id, Self, reason);
            }

            return null;
        }
    }

    private void ForgetOwner(Installed installed)
    {
        if (installed.OwnerMonitor is { } monitor)
        {
            Demonitor(monitor, flush: true);
            installed.OwnerMonitor = null;
        }
    }

    private void Tell(Pid owner, EventHandlerId handler, EventHandlerExit reason)
    {
        if (!owner.IsNone)
        {
            owner.Send(new EventHandlerExited(handler, Self, reason));
        }
    }

    private Installed Find(EventHandlerId id) =>
        _handlers.Find(installed => installed.Id == id) ?? Fail<Installed>(new EventHandlerException($"The event manager has no handler {id}."));

    /// <summary>Fails the current call without crashing the manager: the caller gets the exception.</summary>
    private static T Fail<T>(EventHandlerException failure) => throw new CallFailure(failure);

    private static EventHandlerId Fail(EventHandlerException failure) => Fail<EventHandlerId>(failure);

    private static string Describe(object? value)
    {
        try
        {
            return value?.ToString() ?? "null";
        }
        catch (Exception exception)
        {
            return $"{value!.GetType().Name} (ToString threw {exception.GetType().Name})";
        }
    }

    /// <summary>Carries a failed request's error from deep in a request to <see cref="HandleCallAsync"/>.</summary>
    private sealed class CallFailure(EventHandlerException error) : Exception(error.Message)
    {
        public EventHandlerException Error { get; } = error;
    }

    private sealed class Installed(EventHandlerId id, IEventHandler<TEvent> handler, Pid owner)
    {
        public EventHandlerId Id { get; } = id;

        public IEventHandler<TEvent> Handler { get; } = handler;

        public Pid Owner { get; } = owner;

        public MonitorRef? OwnerMonitor { get; set; }
    }
}
