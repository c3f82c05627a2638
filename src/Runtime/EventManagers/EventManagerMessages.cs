using System;
using System.Collections.Generic;
using Arbor.Protocol;

namespace Arbor.EventManagers;

// The requests an EventManagerRef sends to its manager process, over the GenServer protocol.

/// <summary>OTP <c>gen_event:notify</c>.</summary>
internal sealed class NotifyCast<TEvent>(TEvent value) : CastMessage
{
    public TEvent Event { get; } = value;

    public override string ToString() => $"notify({Event})";
}

/// <summary>OTP <c>gen_event:sync_notify</c>: answered once every handler has handled the event.</summary>
internal sealed class SyncNotifyCall<TEvent>(TEvent value) : CallMessage<bool>
{
    public TEvent Event { get; } = value;

    public override string ToString() => $"sync_notify({Event})";
}

/// <summary>OTP <c>add_handler</c> / <c>add_sup_handler</c> (with an owner).</summary>
internal sealed class AddHandlerCall<TEvent>(Func<IEventHandler<TEvent>> factory, Pid owner) : CallMessage<EventHandlerId>
{
    public Func<IEventHandler<TEvent>> Factory { get; } = factory;

    public Pid Owner { get; } = owner;

    public override string ToString() => Owner.IsNone ? "add_handler" : "add_sup_handler";
}

/// <summary>OTP <c>delete_handler</c>: answers what the handler's terminate returned.</summary>
internal sealed class DeleteHandlerCall(EventHandlerId handler) : CallMessage<object?>
{
    public EventHandlerId Handler { get; } = handler;

    public override string ToString() => $"delete_handler({Handler})";
}

/// <summary>OTP <c>swap_handler</c>: the old handler's terminate result goes to the new handler's factory.</summary>
internal sealed class SwapHandlerCall<TEvent>(EventHandlerId old, Func<object?, IEventHandler<TEvent>> factory) : CallMessage<EventHandlerId>
{
    public EventHandlerId Old { get; } = old;

    public Func<object?, IEventHandler<TEvent>> Factory { get; } = factory;

    public override string ToString() => $"swap_handler({Old})";
}

/// <summary>OTP <c>gen_event:call</c> to one handler.</summary>
internal sealed class HandlerCall(EventHandlerId handler, object request) : CallMessage<object?>
{
    public EventHandlerId Handler { get; } = handler;

    public object Request { get; } = request;

    public override string ToString() => $"call({Handler}, {Request})";
}

/// <summary>OTP <c>which_handlers</c>.</summary>
internal sealed class WhichHandlersCall : CallMessage<IReadOnlyList<EventHandlerId>>
{
    public override string ToString() => "which_handlers";
}

/// <summary>OTP <c>gen_event:stop</c>.</summary>
internal sealed class StopManagerCall : CallMessage<bool>
{
    public override string ToString() => "stop";
}
