namespace Arbor.StateMachines;

/// <summary>What kind of event a state machine is handling (OTP gen_statem's <c>EventType</c>).</summary>
public enum EventKind : byte
{
    /// <summary>A call: the content is the request, answered with a reply (OTP <c>{call, From}</c>).</summary>
    Call,

    /// <summary>A cast: the content is the request (OTP <c>cast</c>).</summary>
    Cast,

    /// <summary>Any other message sent to the process (OTP <c>info</c>).</summary>
    Info,

    /// <summary>An event the machine inserted itself with <c>NextEvent</c> (OTP <c>internal</c>).</summary>
    Internal,

    /// <summary>The state timeout fired (OTP <c>state_timeout</c>).</summary>
    StateTimeout,

    /// <summary>The event timeout fired: no event arrived in time (OTP <c>timeout</c>).</summary>
    EventTimeout,

    /// <summary>A named generic timeout fired (OTP <c>{timeout, Name}</c>).</summary>
    Timeout,
}
