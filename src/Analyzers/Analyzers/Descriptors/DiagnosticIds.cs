namespace Arbor.Analyzers;

/// <summary>The ids of the Arbor analyzer diagnostics (range ARB1001–ARB1099; the generator owns ARB0001–ARB0099).</summary>
public static class DiagnosticIds
{
    /// <summary>A catch-all inside process code swallows the failure instead of letting the process crash.</summary>
    public const string DefensiveCatchAll = "ARB1001";

    /// <summary>A GenServer declares static mutable state, shared by every process of its type.</summary>
    public const string StaticMutableState = "ARB1002";

    /// <summary>A call handler returns a reference to the server's internal mutable state.</summary>
    public const string MutableStateReturned = "ARB1003";

    /// <summary>A handler's message or reply type is mutable although it crosses a process boundary.</summary>
    public const string MutableMessage = "ARB1004";

    /// <summary>Process state (<c>this</c>) is handed to code running on another thread.</summary>
    public const string StateEscapesToThread = "ARB1005";

    /// <summary>Process code starts a task and never awaits it.</summary>
    public const string FireAndForget = "ARB1006";

    /// <summary>A GenServer is started stand-alone, outside any supervisor.</summary>
    public const string UnsupervisedStart = "ARB1007";

    /// <summary>No child spec in the compilation references a GenServer type.</summary>
    public const string MissingChildSpec = "ARB1008";

    /// <summary>Process code blocks its thread waiting for something.</summary>
    public const string BlockingCall = "ARB1009";

    /// <summary>Process code calls its own server.</summary>
    public const string SelfCall = "ARB1010";

    /// <summary>A handler that may run for a long time (an unbounded loop, blocking I/O) is not marked dirty.</summary>
    public const string UndeclaredDirtyWork = "ARB1011";
}
