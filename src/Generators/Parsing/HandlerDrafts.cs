using System.Collections.Generic;
using Arbor.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Arbor.Generators.Parsing;

/// <summary>
/// A call or cast handler between parsing and naming. Holds its symbol only while the parser runs (naming and
/// ambiguity checks look at all handlers together); the model built from it holds none.
/// </summary>
internal sealed class RequestDraft
{
    public RequestDraft(RequestKind kind, IMethodSymbol method, string baseName, List<ParameterModel> parameters, string signatureKey, string? resultType, ReturnShape returns, LocationInfo? location)
    {
        Kind = kind;
        Method = method;
        BaseName = baseName;
        Parameters = parameters;
        SignatureKey = signatureKey;
        ResultType = resultType;
        Returns = returns;
        Location = location;
    }

    public RequestKind Kind { get; }

    public IMethodSymbol Method { get; }

    /// <summary>The message name before the kind suffix: the attribute's Name, or the method name, without "Async".</summary>
    public string BaseName { get; }

    public List<ParameterModel> Parameters { get; }

    /// <summary>The client parameter types as C# overload identity sees them.</summary>
    public string SignatureKey { get; }

    public string? ResultType { get; }

    public ReturnShape Returns { get; }

    public LocationInfo? Location { get; }

    /// <summary>Runs on the dirty schedulers; set by the parser from the handler's and the server's attributes.</summary>
    public bool Dirty { get; set; }

    public string ClientName => Kind == RequestKind.Call ? BaseName + "Async" : BaseName;
}

/// <summary>An info or continue handler between parsing and ordering (ordering needs the message type symbol).</summary>
internal sealed class MessageHandlerDraft
{
    public MessageHandlerDraft(IMethodSymbol method, ITypeSymbol messageType, ReturnShape returns, LocationInfo? location)
    {
        Method = method;
        MessageType = messageType;
        Returns = returns;
        Location = location;
    }

    public IMethodSymbol Method { get; }

    public ITypeSymbol MessageType { get; }

    public ReturnShape Returns { get; }

    public LocationInfo? Location { get; }

    /// <summary>Runs on the dirty schedulers; set by the parser from the handler's and the server's attributes.</summary>
    public bool Dirty { get; set; }

    public MessageHandlerModel ToModel() => new(TypeNames.Identifier(Method.Name), TypeNames.Pattern(MessageType), Returns, Dirty);
}
