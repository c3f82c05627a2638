namespace Arbor.Generators.Model;

/// <summary>
/// Everything the emitter needs to write one GenServer's generated half, as plain equatable values: no symbols,
/// compilations or syntax nodes, so an unrelated edit leaves it equal and the emit step cached.
/// </summary>
/// <param name="Namespace">The containing namespace, or null for the global namespace.</param>
/// <param name="ContainingTypes">Outermost first, for a GenServer nested in other partial types.</param>
/// <param name="Name">The class name, without type parameters.</param>
/// <param name="TypeParameters">The class's type parameter names in order; empty for a non-generic class.</param>
/// <param name="ConstraintClauses">The <c>where</c> clauses of the class's type parameters as C#, repeated on the client struct and interface.</param>
/// <param name="Accessibility">The class's accessibility keyword(s); the client struct and interface get the same.</param>
/// <param name="IsSealed">A sealed class gets a private <c>SelfRef</c> (a new protected member in a sealed type is a warning).</param>
/// <param name="HintName">The generated file's name.</param>
/// <param name="InitParameters">The init constructor's parameters, which become the start arguments.</param>
/// <param name="Requests">Calls and casts, in declaration order.</param>
/// <param name="Infos">Info handlers, most specific message type first (the order the type switch needs).</param>
/// <param name="Continues">Continue handlers, most specific argument type first.</param>
/// <param name="Terminate">The terminate hook, if any.</param>
/// <param name="Remote">The Erlang term protocol of a <c>[GenServer(Remote = true)]</c> class; null for local-only servers.</param>
/// <param name="ClientBaseName">For a <c>[GenServerProtocol]</c> interface: the name its client types are built from
/// (<c>IKvStore</c> gives <c>KvStoreRef</c>); null for a server class, whose client types use <paramref name="Name"/>.</param>
internal sealed record GenServerModel(
    string? Namespace,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    string Name,
    EquatableArray<string> TypeParameters,
    EquatableArray<string> ConstraintClauses,
    string Accessibility,
    bool IsSealed,
    string HintName,
    EquatableArray<ParameterModel> InitParameters,
    EquatableArray<RequestHandlerModel> Requests,
    EquatableArray<MessageHandlerModel> Infos,
    EquatableArray<MessageHandlerModel> Continues,
    TerminateModel? Terminate,
    RemoteProtocolModel? Remote = null,
    string? ClientBaseName = null)
{
    /// <summary>True for a <c>[GenServerProtocol]</c> interface: a client and codecs for a server elsewhere, no server.</summary>
    public bool IsProtocolDeclaration => ClientBaseName is not null;

    /// <summary>The typed client struct's name, without type parameters (as its constructor is named).</summary>
    public string RefName => (ClientBaseName ?? Name) + "Ref";

    /// <summary>The server type as code inside it names it: <c>Cache&lt;TKey, TValue&gt;</c>, or just <c>Counter</c>.</summary>
    public string ServerType => Name + TypeParameterList.Of(TypeParameters);

    /// <summary>The typed client struct as a type: <c>CacheRef&lt;TKey, TValue&gt;</c>.</summary>
    public string RefType => RefName + TypeParameterList.Of(TypeParameters);

    /// <summary>The client interface as a type: <c>ICacheClient&lt;TKey, TValue&gt;</c>.</summary>
    public string ClientInterfaceType => "I" + (ClientBaseName ?? Name) + "Client" + TypeParameterList.Of(TypeParameters);
}

/// <summary>A type enclosing a nested GenServer, re-declared as <c>partial</c> around the generated code.</summary>
/// <param name="Keyword">class, struct, record, record struct or interface.</param>
/// <param name="Name">The type's name, without type parameters.</param>
/// <param name="TypeParameters">Its type parameter names; a partial re-declaration must repeat them (it may leave out the constraints).</param>
internal sealed record ContainingTypeModel(string Keyword, string Name, EquatableArray<string> TypeParameters)
{
    /// <summary>The type as it is declared and named: <c>Outer&lt;T&gt;</c>.</summary>
    public string Type => Name + TypeParameterList.Of(TypeParameters);
}
