namespace Arbor.Analyzers;

/// <summary>Which GenServer callback a method is.</summary>
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
}
