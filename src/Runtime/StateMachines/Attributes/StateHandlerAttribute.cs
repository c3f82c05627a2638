using System;

namespace Arbor.StateMachines;

/// <summary>
/// Base of the state machine handler attributes: the states a handler applies to. No states means every state (OTP's
/// <c>handle_event_function</c> style); a handler for the current state wins over one for every state.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public abstract class StateHandlerAttribute : Attribute
{
    /// <summary>Creates the attribute for <paramref name="states"/>.</summary>
    /// <param name="states">Members of the machine's state enum; none for every state.</param>
    protected StateHandlerAttribute(object[] states) => States = states ?? Array.Empty<object>();

    /// <summary>The states the handler applies to; empty for every state.</summary>
    public object[] States { get; }

    /// <summary>
    /// Runs this handler on the node's dirty schedulers (a few dedicated threads) instead of the scheduler threads
    /// ordinary processes share: for long CPU-bound or blocking work, as the BEAM's dirty schedulers. The machine still
    /// handles one event at a time and its actions (state changes, timeouts, replies) work as usual. The part of an
    /// asynchronous handler after its first <c>await</c> resumes as usual.
    /// </summary>
    public bool Dirty { get; set; }
}

/// <summary>
/// Handles a call in the given states (OTP <c>{call, From}</c>): the caller waits for the return value, or for a reply
/// through a <see cref="ReplyTo{T}"/> parameter. Handlers of the same event in different states share its name
/// (<see cref="Event"/>, the method name by default) and signature; the client gets one <c>EventAsync</c> method.
/// </summary>
public sealed class OnCallAttribute : StateHandlerAttribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="states">Members of the state enum; none for every state.</param>
    public OnCallAttribute(params object[] states)
        : base(states)
    {
    }

    /// <summary>The event (and client method) name, when it differs from the method name.</summary>
    public string? Event { get; set; }
}

/// <summary>Handles a cast in the given states (OTP <c>cast</c>); see <see cref="OnCallAttribute"/> for naming.</summary>
public sealed class OnCastAttribute : StateHandlerAttribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="states">Members of the state enum; none for every state.</param>
    public OnCastAttribute(params object[] states)
        : base(states)
    {
    }

    /// <summary>The event (and client method) name, when it differs from the method name.</summary>
    public string? Event { get; set; }
}

/// <summary>Handles any other message of the parameter's type in the given states (OTP <c>info</c>).</summary>
public sealed class OnInfoAttribute : StateHandlerAttribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="states">Members of the state enum; none for every state.</param>
    public OnInfoAttribute(params object[] states)
        : base(states)
    {
    }
}

/// <summary>Handles an event the machine inserted with <c>NextEvent</c>, by the parameter's type (OTP <c>internal</c>).</summary>
public sealed class OnInternalAttribute : StateHandlerAttribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="states">Members of the state enum; none for every state.</param>
    public OnInternalAttribute(params object[] states)
        : base(states)
    {
    }
}

/// <summary>
/// The state enter call of the given states: runs after a state change into them, on <c>RepeatState</c>, and for the
/// initial state after init. It may take the previous state. It may set timeouts and reply, but not change the state.
/// </summary>
public sealed class OnEnterAttribute : StateHandlerAttribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="states">Members of the state enum; none for every state.</param>
    public OnEnterAttribute(params object[] states)
        : base(states)
    {
    }
}

/// <summary>Handles the state timeout in the given states (OTP <c>state_timeout</c>); may take the timeout's content.</summary>
public sealed class OnStateTimeoutAttribute : StateHandlerAttribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="states">Members of the state enum; none for every state.</param>
    public OnStateTimeoutAttribute(params object[] states)
        : base(states)
    {
    }
}

/// <summary>Handles the event timeout in the given states (OTP <c>timeout</c>); may take the timeout's content.</summary>
public sealed class OnEventTimeoutAttribute : StateHandlerAttribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="states">Members of the state enum; none for every state.</param>
    public OnEventTimeoutAttribute(params object[] states)
        : base(states)
    {
    }
}

/// <summary>Handles the generic timeout <see cref="Name"/> in the given states (OTP <c>{timeout, Name}</c>); may take its content.</summary>
public sealed class OnTimeoutAttribute : StateHandlerAttribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="name">The timeout's name, as given to <c>StartTimeout</c>.</param>
    /// <param name="states">Members of the state enum; none for every state.</param>
    public OnTimeoutAttribute(string name, params object[] states)
        : base(states) => Name = name;

    /// <summary>The timeout's name.</summary>
    public string Name { get; }
}
