namespace Arbor.Analyzers;

/// <summary>Which process callback a method is: a GenServer's, a state machine's or an event handler's.</summary>
internal enum HandlerKind
{
    None,
    Call,
    Cast,
    Info,
    Continue,
    Terminate,

    /// <summary>A hand-written override of one of <c>Arbor.GenServer</c>'s callbacks (HandleCallAsync, InitAsync...).</summary>
    CallbackOverride,

    /// <summary>A state machine handler that is not a call, cast or info: enter, timeouts, internal events.</summary>
    StateCallback,
}
