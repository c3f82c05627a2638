using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Arbor.Analyzers;

/// <summary>
/// The Arbor runtime types the analyzers recognise, resolved once per compilation by fully-qualified metadata name
/// (never by short name, so a user type called <c>CallAttribute</c> is not mistaken for ours).
/// </summary>
internal sealed class ArborSymbols
{
    private static readonly ImmutableHashSet<string> s_callbackNames = ImmutableHashSet.Create(
        "InitAsync", "HandleCallAsync", "HandleCastAsync", "HandleInfoAsync", "HandleContinueAsync", "TerminateAsync");

    // gen_statem and gen_event callbacks: their code runs in the machine's or the manager's process.
    private static readonly ImmutableHashSet<string> s_stateMachineCallbackNames = ImmutableHashSet.Create(
        "InitAsync", "HandleEventAsync", "HandleEnterAsync", "TerminateAsync");

    private static readonly ImmutableHashSet<string> s_eventHandlerCallbackNames = ImmutableHashSet.Create(
        "HandleEvent", "HandleCall", "Terminate");

    private ArborSymbols(Compilation compilation, INamedTypeSymbol genServerAttribute)
    {
        StateMachineAttribute = compilation.GetTypeByMetadataName("Arbor.StateMachines.StateMachineAttribute");
        StateMachine = compilation.GetTypeByMetadataName("Arbor.StateMachines.StateMachine`1");
        StateHandlerAttribute = compilation.GetTypeByMetadataName("Arbor.StateMachines.StateHandlerAttribute");
        EventHandler = compilation.GetTypeByMetadataName("Arbor.EventManagers.IEventHandler`1");
        GenServerAttribute = genServerAttribute;
        CallAttribute = compilation.GetTypeByMetadataName("Arbor.CallAttribute");
        CastAttribute = compilation.GetTypeByMetadataName("Arbor.CastAttribute");
        InfoAttribute = compilation.GetTypeByMetadataName("Arbor.InfoAttribute");
        ContinueAttribute = compilation.GetTypeByMetadataName("Arbor.ContinueAttribute");
        TerminateAttribute = compilation.GetTypeByMetadataName("Arbor.TerminateAttribute");
        GenServer = compilation.GetTypeByMetadataName("Arbor.GenServer");
        ChildSpec = compilation.GetTypeByMetadataName("Arbor.ChildSpec");
        ArborNode = compilation.GetTypeByMetadataName("Arbor.ArborNode");
        ReplyTo = compilation.GetTypeByMetadataName("Arbor.ReplyTo`1");
        ProcessRef = compilation.GetTypeByMetadataName("Arbor.IProcessRef`1");
        StartOptions = compilation.GetTypeByMetadataName("Arbor.StartOptions");
        ChildStartContext = compilation.GetTypeByMetadataName("Arbor.ChildStartContext");
    }

    public INamedTypeSymbol GenServerAttribute { get; }
    public INamedTypeSymbol? CallAttribute { get; }
    public INamedTypeSymbol? CastAttribute { get; }
    public INamedTypeSymbol? InfoAttribute { get; }
    public INamedTypeSymbol? ContinueAttribute { get; }
    public INamedTypeSymbol? TerminateAttribute { get; }
    public INamedTypeSymbol? GenServer { get; }
    public INamedTypeSymbol? ChildSpec { get; }
    public INamedTypeSymbol? ArborNode { get; }
    public INamedTypeSymbol? ReplyTo { get; }
    public INamedTypeSymbol? ProcessRef { get; }
    public INamedTypeSymbol? StartOptions { get; }
    public INamedTypeSymbol? ChildStartContext { get; }
    public INamedTypeSymbol? StateMachineAttribute { get; }
    public INamedTypeSymbol? StateMachine { get; }
    public INamedTypeSymbol? StateHandlerAttribute { get; }
    public INamedTypeSymbol? EventHandler { get; }

    /// <summary>Null when the compilation does not reference Arbor: then every Arbor analyzer has nothing to do.</summary>
    public static ArborSymbols? TryCreate(Compilation compilation) =>
        compilation.GetTypeByMetadataName("Arbor.GenServerAttribute") is { } attribute
            ? new ArborSymbols(compilation, attribute)
            : null;

    /// <summary>A class marked <c>[GenServer]</c>, or a hand-written subclass of <c>Arbor.GenServer</c>.</summary>
    public bool IsGenServer(INamedTypeSymbol? type)
    {
        if (type is not { TypeKind: TypeKind.Class })
        {
            return false;
        }

        foreach (var attribute in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, GenServerAttribute))
            {
                return true;
            }
        }

        return DerivesFromGenServer(type);
    }

    /// <summary>
    /// A type whose instance code runs inside a process: a GenServer, a state machine (<c>[StateMachine]</c> or a
    /// subclass of <c>StateMachine&lt;TState&gt;</c>), or an event handler (runs inside its event manager).
    /// </summary>
    public bool IsProcessCode(INamedTypeSymbol? type) => IsGenServer(type) || IsStateMachine(type) || IsEventHandler(type);

    /// <summary>
    /// A GenServer or a state machine: a process whose call, cast and info handlers receive messages from other processes
    /// and answer calls (what the message rules ARB1003 and ARB1004 look at).
    /// </summary>
    public bool ReceivesMessages(INamedTypeSymbol? type) => IsGenServer(type) || IsStateMachine(type);

    /// <summary>A class marked <c>[StateMachine]</c>, or a subclass of <c>Arbor.StateMachines.StateMachine&lt;TState&gt;</c>.</summary>
    public bool IsStateMachine(INamedTypeSymbol? type)
    {
        if (type is not { TypeKind: TypeKind.Class } || StateMachine is null)
        {
            return false;
        }

        foreach (var attribute in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, StateMachineAttribute))
            {
                return true;
            }
        }

        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, StateMachine))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A class implementing <c>Arbor.EventManagers.IEventHandler&lt;TEvent&gt;</c>.</summary>
    public bool IsEventHandler(INamedTypeSymbol? type)
    {
        if (type is not { TypeKind: TypeKind.Class } || EventHandler is null)
        {
            return false;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, EventHandler))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The callback <paramref name="method"/> implements, from its attribute or as a GenServer override.</summary>
    public HandlerKind GetHandlerKind(IMethodSymbol method)
    {
        foreach (var attribute in method.GetAttributes())
        {
            var kind = KindOf(attribute.AttributeClass);
            if (kind != HandlerKind.None)
            {
                return kind;
            }
        }

        if (method.IsOverride && s_callbackNames.Contains(method.Name) && IsGenServerMember(method.OverriddenMethod))
        {
            return HandlerKind.CallbackOverride;
        }

        if (method.IsOverride && s_stateMachineCallbackNames.Contains(method.Name)
            && SymbolEqualityComparer.Default.Equals(method.OverriddenMethod?.ContainingType?.OriginalDefinition, StateMachine))
        {
            return HandlerKind.CallbackOverride;
        }

        if (!method.IsStatic && s_eventHandlerCallbackNames.Contains(method.Name) && IsEventHandler(method.ContainingType))
        {
            return HandlerKind.CallbackOverride;
        }

        return HandlerKind.None;
    }

    /// <summary>A static method of a GenServer type that builds its child spec (the generated <c>ChildSpec(...)</c>).</summary>
    public bool IsChildSpecFactory(IMethodSymbol method) =>
        method.IsStatic
        && method.Name == "ChildSpec"
        && ChildSpec is not null
        && SymbolEqualityComparer.Default.Equals(method.ReturnType, ChildSpec);

    /// <summary>The generated client struct of a GenServer (implements <c>IProcessRef&lt;TSelf&gt;</c>).</summary>
    public bool IsProcessRef(ITypeSymbol? type)
    {
        if (type is null || ProcessRef is null)
        {
            return false;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, ProcessRef))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsGenServerMember(ISymbol? symbol) =>
        symbol is not null && GenServer is not null && SymbolEqualityComparer.Default.Equals(symbol.ContainingType, GenServer);

    private bool DerivesFromGenServer(INamedTypeSymbol type)
    {
        if (GenServer is null)
        {
            return false;
        }

        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, GenServer))
            {
                return true;
            }
        }

        return false;
    }

    private HandlerKind KindOf(INamedTypeSymbol? attributeClass)
    {
        if (attributeClass is null)
        {
            return HandlerKind.None;
        }

        if (StateHandlerAttribute is not null && SymbolEqualityComparer.Default.Equals(attributeClass.BaseType, StateHandlerAttribute))
        {
            return attributeClass.Name switch
            {
                "OnCallAttribute" => HandlerKind.Call,
                "OnCastAttribute" => HandlerKind.Cast,
                "OnInfoAttribute" => HandlerKind.Info,
                _ => HandlerKind.StateCallback,
            };
        }

        if (SymbolEqualityComparer.Default.Equals(attributeClass, CallAttribute))
        {
            return HandlerKind.Call;
        }

        if (SymbolEqualityComparer.Default.Equals(attributeClass, CastAttribute))
        {
            return HandlerKind.Cast;
        }

        if (SymbolEqualityComparer.Default.Equals(attributeClass, InfoAttribute))
        {
            return HandlerKind.Info;
        }

        if (SymbolEqualityComparer.Default.Equals(attributeClass, ContinueAttribute))
        {
            return HandlerKind.Continue;
        }

        return SymbolEqualityComparer.Default.Equals(attributeClass, TerminateAttribute) ? HandlerKind.Terminate : HandlerKind.None;
    }
}
