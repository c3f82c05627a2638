using Arbor.Protocol;

namespace Arbor.StateMachines;

/// <summary>
/// One event as a state machine's handler sees it: its kind and content (OTP's <c>EventType</c> and <c>EventContent</c>).
/// For calls and casts the content is the generated request message; for timeouts it is the content given when the
/// timeout was set (null when none was given), and <see cref="TimeoutName"/> names a generic timeout.
/// </summary>
public readonly struct StateMachineEvent
{
    internal StateMachineEvent(EventKind kind, object? content, string? timeoutName = null)
    {
        Kind = kind;
        Content = content;
        TimeoutName = timeoutName;
    }

    /// <summary>The event's kind.</summary>
    public EventKind Kind { get; }

    /// <summary>The event's content: the request for calls and casts, the message for info, the content otherwise.</summary>
    public object? Content { get; }

    /// <summary>The name of a generic timeout (<see cref="EventKind.Timeout"/>); null for other kinds.</summary>
    public string? TimeoutName { get; }

    /// <summary>The call request when <see cref="Kind"/> is <see cref="EventKind.Call"/>; otherwise null.</summary>
    internal CallMessage? Call => Kind == EventKind.Call ? (CallMessage?)Content : null;

    /// <inheritdoc/>
    public override string ToString() => TimeoutName is null ? $"{Kind} {Content}" : $"{Kind} {TimeoutName} {Content}";
}
