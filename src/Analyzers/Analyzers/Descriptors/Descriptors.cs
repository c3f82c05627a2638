using Microsoft.CodeAnalysis;

namespace Arbor.Analyzers;

/// <summary>Every Arbor analyzer descriptor, in one place so ids, categories and help links stay consistent.</summary>
internal static partial class Descriptors
{
    private const string Reliability = "Arbor.Reliability";
    private const string Isolation = "Arbor.Isolation";
    private const string Supervision = "Arbor.Supervision";
    private const string ProcessHygiene = "Arbor.ProcessHygiene";

    public static readonly DiagnosticDescriptor DefensiveCatchAll = Create(
        DiagnosticIds.DefensiveCatchAll,
        "Do not swallow every exception inside a process",
        "'{0}' catches every exception and does not rethrow it; let the process crash so its supervisor restarts it from a known state",
        Reliability,
        DiagnosticSeverity.Warning,
        "A GenServer's handlers, init and the methods they call should let unexpected failures crash the process: the supervisor restarts it from a clean state. A catch-all that swallows the exception keeps a process alive in an unknown state. Catch only the exceptions you expect and can handle, or rethrow.");

    public static readonly DiagnosticDescriptor StaticMutableState = Create(
        DiagnosticIds.StaticMutableState,
        "GenServer has static mutable state",
        "GenServer '{0}' declares static mutable {1} '{2}' ({3}); every process of this type shares it",
        Isolation,
        DiagnosticSeverity.Warning,
        "Processes share nothing: each process of a GenServer type owns its state in instance fields. Static mutable fields, static collections and static settable properties are shared by every process of the type and mutated concurrently. Keep state in instance fields, or make the static immutable.");

    public static readonly DiagnosticDescriptor MutableStateReturned = Create(
        DiagnosticIds.MutableStateReturned,
        "Call handler returns a reference to internal mutable state",
        "Call handler '{0}' replies with '{1}', a reference to its mutable state ({2}); the caller can read and change it while the process does, so reply with a copy",
        Isolation,
        DiagnosticSeverity.Warning,
        "A call's reply crosses a process boundary. Replying with a field of mutable type (a list, an array, a dictionary, a mutable class) hands the caller a live reference to the server's state, which it can then read or change concurrently with the server. Reply with a copy or an immutable snapshot.");

    public static readonly DiagnosticDescriptor MutableMessage = Create(
        DiagnosticIds.MutableMessage,
        "Message type crossing a process boundary is mutable",
        "{0} of handler '{1}' has mutable type '{2}' ({3}); messages cross a process boundary and should be immutable",
        Isolation,
        DiagnosticSeverity.Warning,
        "Call and cast arguments, call results and info messages are shared between the sender and the receiving process. A mutable message (settable properties, public non-readonly fields, mutable collections) can be changed by one side while the other reads it. Use records with init-only properties and immutable collections.");

    public static readonly DiagnosticDescriptor StateEscapesToThread = Create(
        DiagnosticIds.StateEscapesToThread,
        "Process state escapes to another thread",
        "'{0}' passes code that uses the process's state ('this') to '{1}', which runs it on another thread while the process goes on handling messages",
        Isolation,
        DiagnosticSeverity.Warning,
        "A process handles one message at a time, so its state needs no locks. Code handed to Task.Run, the thread pool, timers, continuations or Parallel runs concurrently with the process and races with its handlers. Send the result back as a message instead (await the work, or use SendAfter for timers).");

    public static readonly DiagnosticDescriptor FireAndForget = Create(
        DiagnosticIds.FireAndForget,
        "Fire-and-forget task started from a process",
        "'{0}' starts '{1}' and does not await it; work outside the process is not supervised and its failure is lost",
        Supervision,
        DiagnosticSeverity.Warning,
        "A task started from a handler and never awaited runs outside the process and its supervisor: if it fails, nothing crashes and nothing restarts. Await it, or run the work in its own supervised process.");

    public static readonly DiagnosticDescriptor UnsupervisedStart = Create(
        DiagnosticIds.UnsupervisedStart,
        "GenServer started outside a supervisor",
        "GenServer '{0}' is started outside any supervisor; if it crashes nobody restarts it, so start it from its child spec under a supervisor",
        Supervision,
        DiagnosticSeverity.Warning,
        "The stand-alone start creates a process no supervisor watches. Start GenServers through their generated ChildSpec(...) under a supervisor, or with StartLinkAsync from inside a process. Test projects are exempt by default (option arbor.unsupervised_start.report_in_test_projects).");

    public static readonly DiagnosticDescriptor MissingChildSpec = Create(
        DiagnosticIds.MissingChildSpec,
        "GenServer is never put under a supervisor",
        "No child spec in this compilation references GenServer '{0}'; it can only run unsupervised",
        Supervision,
        DiagnosticSeverity.Info,
        "Every GenServer should run under a supervisor. This compilation never uses the type's ChildSpec(...) nor builds a ChildSpec that starts it. Libraries whose applications add the child specs can turn this rule off in .editorconfig.",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor BlockingCall = Create(
        DiagnosticIds.BlockingCall,
        "Blocking call inside a process",
        "'{0}' blocks its thread with '{1}'; {2}",
        ProcessHygiene,
        DiagnosticSeverity.Warning,
        "Processes share the thread pool: a handler that blocks a thread (.Result, .Wait(), GetAwaiter().GetResult(), Thread.Sleep, wait handles) stalls other processes and can deadlock. Make the handler async and await, or use SendAfter instead of sleeping.");

    public static readonly DiagnosticDescriptor SelfCall = Create(
        DiagnosticIds.SelfCall,
        "Process calls its own server",
        "'{0}' makes a call to its own process through '{1}'; a process cannot answer a call while handling a message, so the call always fails",
        ProcessHygiene,
        DiagnosticSeverity.Warning,
        "A process handles one message at a time, so a call to itself can never be answered: in OTP it deadlocks, in Arbor it fails with CallingSelfException. Call the method directly, or cast to self.");

    private static DiagnosticDescriptor Create(
        string id,
        string title,
        string message,
        string category,
        DiagnosticSeverity severity,
        string description,
        params string[] customTags) =>
        new(
            id,
            title,
            message,
            category,
            severity,
            isEnabledByDefault: true,
            description: description,
            helpLinkUri: $"https://github.com/arbor-dotnet/arbor/blob/main/docs/diagnostics/{id}.md",
            customTags: customTags);
}
