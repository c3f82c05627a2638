using System;

namespace Arbor.StateMachines;

/// <summary>
/// Postpones the call or cast <see cref="Event"/> in the given states (OTP <c>postpone</c>): it is handled again after
/// the next state change. Declaring it on the class (instead of calling <c>Postpone()</c> in a handler) lets the
/// generator see that the event is accounted for in those states.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class PostponeAttribute : Attribute
{
    /// <summary>Creates the rule.</summary>
    /// <param name="eventName">The event name (the handler's method name or its <c>Event</c>), e.g. <c>nameof(Press)</c>.</param>
    /// <param name="states">Members of the state enum.</param>
    public PostponeAttribute(string eventName, params object[] states)
    {
        Event = eventName;
        States = states ?? Array.Empty<object>();
    }

    /// <summary>The postponed event.</summary>
    public string Event { get; }

    /// <summary>The states it is postponed in.</summary>
    public object[] States { get; }
}

/// <summary>
/// Drops the call or cast <see cref="Event"/> in the given states, on purpose: the exhaustiveness check then knows it
/// was not forgotten. A dropped call is never answered; its caller times out.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class IgnoreAttribute : Attribute
{
    /// <summary>Creates the rule.</summary>
    /// <param name="eventName">The event name (the handler's method name or its <c>Event</c>).</param>
    /// <param name="states">Members of the state enum.</param>
    public IgnoreAttribute(string eventName, params object[] states)
    {
        Event = eventName;
        States = states ?? Array.Empty<object>();
    }

    /// <summary>The ignored event.</summary>
    public string Event { get; }

    /// <summary>The states it is ignored in.</summary>
    public object[] States { get; }
}
