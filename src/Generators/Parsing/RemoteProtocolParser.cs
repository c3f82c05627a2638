using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Arbor.Generators.Diagnostics;
using Arbor.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Arbor.Generators.Parsing;

/// <summary>
/// For a <c>[GenServer(Remote = true)]</c> class: the Erlang shape of each call and cast and the term mapping of every
/// message parameter and reply type. A type without a term form is reported (ARB0030) where it is written, and no
/// protocol is generated (the rest of the server still is).
/// </summary>
internal static class RemoteProtocolParser
{
    /// <summary>True when the class's [GenServer] says Remote = true.</summary>
    public static bool IsRemote(INamedTypeSymbol type) =>
        type.GetAttributes().Any(attribute =>
            attribute.AttributeClass?.ToDisplayString() == "Arbor.GenServerAttribute"
            && attribute.NamedArguments.Any(argument => argument.Key == "Remote" && argument.Value.Value is true));

    public static RemoteProtocolModel? Parse(IReadOnlyList<(RequestDraft Draft, RequestHandlerModel Model)> requests, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var mapper = new TermMapper();
        var models = new List<RemoteRequestModel>();
        var ok = true;
        foreach (var (draft, model) in requests)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var method = draft.Method;
            var parameters = new List<RemoteParameterModel>();
            foreach (var parameter in model.Parameters.Where(parameter => parameter.Role == ParameterRole.Message))
            {
                var symbol = method.Parameters.FirstOrDefault(candidate => TypeNames.Identifier(candidate.Name) == parameter.Name || candidate.Name == parameter.Name.TrimStart('@'));
                if (symbol is null)
                {
                    continue;
                }

                var mapped = mapper.Map(symbol.Type, out var problem);
                if (mapped is null)
                {
                    var location = LocationInfo.From(symbol.Locations.FirstOrDefault());
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnmappableRemoteType, location, $"parameter '{symbol.Name}' of '{method.Name}'", symbol.Type.ToDisplayString(), problem ?? "unknown"));
                    ok = false;
                    continue;
                }

                parameters.Add(new RemoteParameterModel(parameter.FieldName, ErlangNames.Variable(parameter.Name), mapped));
            }

            TermTypeModel? result = null;
            if (model.Kind == RequestKind.Call && ResultType(method) is { } resultType)
            {
                result = mapper.Map(resultType, out var problem);
                if (result is null)
                {
                    var syntax = method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) as Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax;
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnmappableRemoteType, LocationInfo.From(syntax?.ReturnType) ?? LocationInfo.From(method.Locations.FirstOrDefault()), $"the reply of '{method.Name}'", resultType.ToDisplayString(), problem ?? "unknown"));
                    ok = false;
                }
            }

            var atom = ErlangNames.AtomFor(method, StripAsync(method.Name));
            models.Add(new RemoteRequestModel(model.MessageClassName, model.Kind, atom, EquatableArray.From(parameters), result));
        }

        return ok ? new RemoteProtocolModel(EquatableArray.From(models), mapper.Shapes) : null;
    }

    /// <summary>The reply type: the return type unwrapped from ValueTask/Task, or the T of a ReplyTo&lt;T&gt; parameter.</summary>
    private static ITypeSymbol? ResultType(IMethodSymbol method)
    {
        foreach (var parameter in method.Parameters)
        {
            if (parameter.Type is INamedTypeSymbol { IsGenericType: true } named && named.OriginalDefinition.ToDisplayString() == "Arbor.ReplyTo<T>")
            {
                return named.TypeArguments[0];
            }
        }

        var returnType = method.ReturnType;
        if (returnType is INamedTypeSymbol { IsGenericType: true } task
            && task.OriginalDefinition.ToDisplayString() is "System.Threading.Tasks.ValueTask<TResult>" or "System.Threading.Tasks.Task<TResult>")
        {
            return task.TypeArguments[0];
        }

        return returnType.SpecialType == SpecialType.System_Void ? null : returnType;
    }

    private static string StripAsync(string name) =>
        name.Length > 5 && name.EndsWith("Async", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - 5) : name;
}
