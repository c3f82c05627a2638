using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Arbor.Generators.Diagnostics;
using Arbor.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Arbor.Generators.Parsing;

/// <summary>
/// Turns a <c>[GenServerProtocol] partial interface</c> — the declared protocol of a gen_server on another node —
/// into a <see cref="GenServerModel"/> with only requests and their Erlang term protocol: the emitter writes the
/// messages, codecs and typed client, and no server. Its <c>[Call]</c>/<c>[Cast]</c> methods are checked as a
/// <c>[GenServer(Remote = true)]</c> class's handlers are.
/// </summary>
internal static class GenServerProtocolParser
{
    public const string AttributeName = "Arbor.GenServerProtocolAttribute";

    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        // Only the declaration carrying the attribute is a target, and the attribute cannot repeat: one model per interface.
        if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not InterfaceDeclarationSyntax declaration)
        {
            return new ParseResult(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        return GenServerParser.Guarded(type, declaration.Identifier, diagnostics, () => ParseCore(type, declaration, context.SemanticModel, diagnostics, cancellationToken));
    }

    /// <summary><c>IKvStore</c> → <c>KvStore</c>; a name that is not the I-prefix convention is kept.</summary>
    public static string ClientBaseName(string interfaceName) =>
        interfaceName.Length > 1 && interfaceName[0] == 'I' && char.IsUpper(interfaceName[1]) ? interfaceName.Substring(1) : interfaceName;

    private static GenServerModel? ParseCore(INamedTypeSymbol type, InterfaceDeclarationSyntax declaration, SemanticModel semanticModel, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var known = KnownTypes.Find(semanticModel.Compilation);
        if (known is null)
        {
            return null;
        }

        var ok = PartialDeclarations.Check(type, declaration, "the interface (its request messages and term codecs)", "protocol", diagnostics);

        var handlers = new HandlerParser(type, known, diagnostics, cancellationToken);
        var requests = new List<RequestDraft>();
        foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var attribute in method.GetAttributes())
            {
                var kind = KnownTypes.Is(attribute.AttributeClass, known.CallAttribute) ? RequestKind.Call
                    : KnownTypes.Is(attribute.AttributeClass, known.CastAttribute) ? RequestKind.Cast
                    : (RequestKind?)null;
                var location = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken));
                if (kind is null)
                {
                    if (KnownTypes.Is(attribute.AttributeClass, known.InfoAttribute) || KnownTypes.Is(attribute.AttributeClass, known.ContinueAttribute) || KnownTypes.Is(attribute.AttributeClass, known.TerminateAttribute))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidHandlerSignature, location, method.Name, "a [GenServerProtocol] interface declares the calls and casts of a server elsewhere; info, continue and terminate handlers belong in the server"));
                    }

                    continue;
                }

                var explicitName = attribute.NamedArguments.FirstOrDefault(argument => argument.Key == "Name").Value.Value as string;
                if (handlers.ParseRequest(method, kind.Value, explicitName, location) is { } request)
                {
                    requests.Add(request);
                }
            }
        }

        var named = new List<(RequestDraft Draft, RequestHandlerModel Model)>();
        var requestModels = GenServerParser.NameRequests(type, requests, diagnostics, named);
        var remote = RemoteProtocolParser.Parse(named, diagnostics, cancellationToken);
        if (!ok || remote is null)
        {
            return null; // a protocol without its codecs has nothing to offer
        }

        return new GenServerModel(
            type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
            GenServerParser.ContainingTypes(type),
            type.Name,
            TypeParameterClauses.Names(type),
            TypeParameterClauses.Constraints(type),
            GenServerParser.AccessibilityKeyword(type.DeclaredAccessibility),
            IsSealed: false,
            GenServerParser.HintName(type),
            EquatableArray<ParameterModel>.Empty,
            requestModels,
            EquatableArray<MessageHandlerModel>.Empty,
            EquatableArray<MessageHandlerModel>.Empty,
            Terminate: null,
            remote,
            ClientBaseName(type.Name));
    }
}
