using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Arbor.Analyzers;

/// <summary>
/// ARB1004: a message that crosses a process boundary has a mutable type — a <c>[Call]</c>/<c>[Cast]</c> parameter,
/// a call's reply (returned, or the <c>T</c> of its <c>ReplyTo&lt;T&gt;</c>), or an <c>[Info]</c>/<c>[Continue]</c>
/// message. Records with init-only properties, primitives and immutable collections are fine.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MutableMessageAnalyzer : ArborAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public MutableMessageAnalyzer()
        : base(Descriptors.MutableMessage)
    {
    }

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext start, ArborSymbols arbor)
    {
        var asyncResults = new AsyncResultTypes(start.Compilation);
        start.RegisterSymbolAction(context => Analyze(context, arbor, asyncResults), SymbolKind.Method);
    }

    private static void Analyze(SymbolAnalysisContext context, ArborSymbols arbor, AsyncResultTypes asyncResults)
    {
        var method = (IMethodSymbol)context.Symbol;
        var kind = arbor.GetHandlerKind(method);
        if (kind is not (HandlerKind.Call or HandlerKind.Cast or HandlerKind.Info or HandlerKind.Continue)
            || !arbor.IsGenServer(method.ContainingType))
        {
            return;
        }

        foreach (var parameter in method.Parameters)
        {
            var type = parameter.Type;
            var role = $"Parameter '{parameter.Name}'";
            var unwrapped = false;
            if (arbor.ReplyTo is not null
                && type is INamedTypeSymbol { TypeArguments.Length: 1 } replyTo
                && SymbolEqualityComparer.Default.Equals(replyTo.OriginalDefinition, arbor.ReplyTo))
            {
                type = replyTo.TypeArguments[0];
                role = "The deferred reply";
                unwrapped = true;
            }

            if (Mutability.WhyMessageIsMutable(type) is { } why
                && ParameterTypeLocation(parameter, unwrapped, context.CancellationToken) is { } location)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.MutableMessage, location, role, SymbolNames.Of(method), Display(type), why));
            }
        }

        if (kind == HandlerKind.Call
            && asyncResults.Unwrap(method.ReturnType) is { } reply
            && Mutability.WhyMessageIsMutable(reply) is { } replyWhy
            && ReturnTypeLocation(method, !SymbolEqualityComparer.Default.Equals(reply, method.ReturnType), context.CancellationToken) is { } returnLocation)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.MutableMessage, returnLocation, "The reply", SymbolNames.Of(method), Display(reply), replyWhy));
        }
    }

    private static Location? ParameterTypeLocation(IParameterSymbol parameter, bool unwrapped, CancellationToken cancellationToken) =>
        parameter.DeclaringSyntaxReferences.Length > 0
        && parameter.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is ParameterSyntax { Type: { } type }
            ? MessageTypeSyntax(type, unwrapped).GetLocation()
            : null;

    private static Location? ReturnTypeLocation(IMethodSymbol method, bool unwrapped, CancellationToken cancellationToken) =>
        method.DeclaringSyntaxReferences.Length > 0
        && method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is MethodDeclarationSyntax declaration
            ? MessageTypeSyntax(declaration.ReturnType, unwrapped).GetLocation()
            : null;

    /// <summary>Points at <c>Order</c> in <c>ValueTask&lt;Order&gt;</c> or <c>ReplyTo&lt;Order&gt;</c>: that is the message type.</summary>
    private static TypeSyntax MessageTypeSyntax(TypeSyntax type, bool unwrapped)
    {
        var generic = type switch
        {
            GenericNameSyntax name => name,
            QualifiedNameSyntax { Right: GenericNameSyntax right } => right,
            AliasQualifiedNameSyntax { Name: GenericNameSyntax right } => right,
            _ => null,
        };

        return unwrapped && generic is { TypeArgumentList.Arguments.Count: 1 } ? generic.TypeArgumentList.Arguments[0] : type;
    }

    private static string Display(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
}
