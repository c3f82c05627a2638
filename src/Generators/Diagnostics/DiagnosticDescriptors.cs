using Microsoft.CodeAnalysis;

namespace Arbor.Generators.Diagnostics;

/// <summary>
/// The generator's diagnostics (ids ARB0001–ARB0099). Each has a page in <c>docs/diagnostics</c>. Almost all are
/// errors: the declaration cannot be turned into a working process as written. The state machine checks that find a
/// machine that compiles but can crash or has dead states (ARB0021, ARB0023) are warnings.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Arbor.Generator";

    public static readonly DiagnosticDescriptor NotPartial = Create(
        "ARB0001",
        "GenServer class must be partial",
        "'{0}' must be declared partial: the generator adds the other half of {1}");

    public static readonly DiagnosticDescriptor InvalidClassKind = Create(
        "ARB0002",
        "GenServer must be a non-static, non-abstract class",
        "'{0}' cannot be a GenServer because it is {1}; a GenServer is a concrete class the runtime instantiates in a new process");

    // ARB0003 ("Generic GenServers are not supported") is retired: generic GenServers, and GenServers nested in generic
    // types, get a generic client. The id stays reserved (docs/diagnostics/ARB0003.md), so it is never reused.

    public static readonly DiagnosticDescriptor BaseClassDeclared = Create(
        "ARB0004",
        "GenServer must not declare a base class",
        "'{0}' derives from '{1}'; a GenServer's base class is always Arbor.GenServer, which the generator adds (use composition instead)");

    public static readonly DiagnosticDescriptor InaccessibleSignatureType = Create(
        "ARB0005",
        "Handler signature uses a type less accessible than the GenServer",
        "'{0}' uses type '{1}', which is less accessible than '{2}'; the generated client and start methods are as accessible as the GenServer, so they cannot expose it");

    public static readonly DiagnosticDescriptor ByRefParameter = Create(
        "ARB0006",
        "Handler parameter cannot be ref, out, in or a pointer",
        "Parameter '{0}' of '{1}' is {2}; messages are copied into another process, so parameters must be passed by value");

    public static readonly DiagnosticDescriptor CallWithoutReply = Create(
        "ARB0007",
        "Call handler must return a value or take a ReplyTo<T>",
        "[Call] handler '{0}' returns {1} and takes no ReplyTo<T>, so the caller would never get a reply; return the reply value, or take a ReplyTo<T> and reply later");

    public static readonly DiagnosticDescriptor HandlerReturnsValue = Create(
        "ARB0008",
        "Handler must not return a value",
        "[{0}] handler '{1}' returns '{2}', but nobody receives it; return void, ValueTask or Task (use [Call] for a request with a reply)");

    public static readonly DiagnosticDescriptor AsyncVoidHandler = Create(
        "ARB0009",
        "Handler must not be async void",
        "Handler '{0}' is async void: the process would move on before it finishes and its exceptions would escape supervision; return ValueTask instead");

    public static readonly DiagnosticDescriptor MultipleHandlerAttributes = Create(
        "ARB0010",
        "Method has more than one handler attribute",
        "'{0}' is marked both [{1}] and [{2}]; a method handles one kind of message");

    public static readonly DiagnosticDescriptor AmbiguousMessage = Create(
        "ARB0011",
        "Ambiguous message",
        "'{0}' is ambiguous: {1}");

    public static readonly DiagnosticDescriptor AmbiguousInitConstructor = Create(
        "ARB0012",
        "GenServer has more than one constructor",
        "'{0}' declares more than one constructor; the constructor is the init callback and its parameters are the start arguments, so declare exactly one");

    public static readonly DiagnosticDescriptor InvalidHandlerSignature = Create(
        "ARB0013",
        "Invalid handler signature",
        "Handler '{0}' has an invalid signature: {1}");

    public static readonly DiagnosticDescriptor ReservedParameterName = Create(
        "ARB0014",
        "Parameter name is used by the generated method",
        "Parameter '{0}' of '{1}' has the same name as a parameter the generated '{2}' adds; rename it");

    public static readonly DiagnosticDescriptor UnmappableRemoteType = Create(
        "ARB0030",
        "Type of a remote GenServer's message has no Erlang term form",
        "The type of {0} is '{1}', which cannot cross the wire: {2}; a [GenServer(Remote = true)] server's parameters and replies must map to Erlang terms (see docs/distribution-terms.md)");
    public static readonly DiagnosticDescriptor InvalidStateMachine = Create(
        "ARB0020",
        "Invalid state machine declaration",
        "'{0}' cannot be a generated state machine: {1}");

    public static readonly DiagnosticDescriptor UnhandledEvent = Create(
        "ARB0021",
        "Event not handled in every state",
        "'{0}' is neither handled, postponed nor ignored in state {1}; there it would crash the machine. Add a handler for the state, or declare [Postpone] or [Ignore] for it",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor EnterChangesState = Create(
        "ARB0022",
        "State enter handler changes the state",
        "Enter handler '{0}' moves to {1}; a state enter call cannot change the state (it would crash at run time). Change state in the event handler, or insert an event with NextEvent there");

    public static readonly DiagnosticDescriptor UnreachableState = Create(
        "ARB0023",
        "State has no way in",
        "State {0} of '{1}' is neither the initial state nor the target of any GoTo, so the machine can never enter it",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor ConflictingStateHandlers = Create(
        "ARB0024",
        "Conflicting state machine handlers",
        "'{0}' conflicts with another declaration: {1}");

    public static readonly DiagnosticDescriptor GeneratorFailure = Create(
        "ARB0099",
        "The Arbor generator failed",
        "The Arbor generator failed while processing '{0}': {1}; please report this with the declaration that triggered it");

    /// <summary>All descriptors, by id.</summary>
    public static DiagnosticDescriptor? Find(string id) => id switch
    {
        "ARB0001" => NotPartial,
        "ARB0002" => InvalidClassKind,
        "ARB0004" => BaseClassDeclared,
        "ARB0005" => InaccessibleSignatureType,
        "ARB0006" => ByRefParameter,
        "ARB0007" => CallWithoutReply,
        "ARB0008" => HandlerReturnsValue,
        "ARB0009" => AsyncVoidHandler,
        "ARB0010" => MultipleHandlerAttributes,
        "ARB0011" => AmbiguousMessage,
        "ARB0012" => AmbiguousInitConstructor,
        "ARB0013" => InvalidHandlerSignature,
        "ARB0014" => ReservedParameterName,
        "ARB0020" => InvalidStateMachine,
        "ARB0021" => UnhandledEvent,
        "ARB0022" => EnterChangesState,
        "ARB0023" => UnreachableState,
        "ARB0024" => ConflictingStateHandlers,
        "ARB0030" => UnmappableRemoteType,
        "ARB0099" => GeneratorFailure,
        _ => null,
    };

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity = DiagnosticSeverity.Error) => new(
        id,
        title,
        message,
        Category,
        severity,
        isEnabledByDefault: true,
        helpLinkUri: $"https://github.com/arbor-dotnet/arbor/blob/main/docs/diagnostics/{id}.md");
}
