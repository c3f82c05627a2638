using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Arbor.Analyzers;

/// <summary>
/// ARB1004: a message that crosses a process boundary has a mutable type — a <c>[Call]</c>/<c>[Cast]</c> parameter,
/// a call's reply (returned, or the <c>T</c> of its <c>ReplyTo&lt;T&gt;</c>), or an <c>[Info]</c>/<c>[Continue]</c>
/// message. Records with init-only properties, primitives and immutable collections are fine.
/// A call whose reply is the server's own state (or a live view of it) is ARB1003's finding, the more specific one with a
/// fix: this rule does not report that reply a second time.
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
        start.RegisterSymbolAction(context => Analyze(context, arbor), SymbolKind.Method);
        start.RegisterSyntaxNodeAction(context => AnalyzeReply(context, arbor, asyncResults), SyntaxKind.MethodDeclaration);
    }

    /// <summary>Parameters that are messages: everything but a deferred reply's <c>ReplyTo&lt;T&gt;</c> (see <see cref="AnalyzeReply"/>).</summary>
    private static void Analyze(SymbolAnalysisContext context, ArborSymbols arbor)
    {
        var method = (IMethodSymbol)context.Symbol;
        var kind = arbor.GetHandlerKind(method);
        if (kind is not (HandlerKind.Call or HandlerKind.Cast or HandlerKind.Info or HandlerKind.Continue)
            || !arbor.ReceivesMessages(method.ContainingType))
        {
            return;
        }

        foreach (var parameter in method.Parameters)
        {
            if (ReplyType(parameter, arbor) is null
                && Mutability.WhyMessageIsMutable(parameter.Type) is { } why
                && ParameterTypeLocation(parameter, unwrapped: false, context.CancellationToken) is { } location)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.MutableMessage, location, $"Parameter '{parameter.Name}'", SymbolNames.Of(method), Display(parameter.Type), why));
            }
        }
    }

    /// <summary>
    /// A call's reply — its return type, or the <c>T</c> of its <c>ReplyTo&lt;T&gt;</c> — unless the handler replies with
    /// its own state, which ARB1003 reports. Runs from the declaration, so the body can be asked (only when the reply
    /// type is mutable, which is rare).
    /// </summary>
    private static void AnalyzeReply(SyntaxNodeAnalysisContext context, ArborSymbols arbor, AsyncResultTypes asyncResults)
    {
        var declaration = (MethodDeclarationSyntax)context.Node;
        if (declaration.AttributeLists.Count == 0
            || context.SemanticModel.GetDeclaredSymbol(declaration, context.CancellationToken) is not { } method
            || arbor.GetHandlerKind(method) != HandlerKind.Call
            || !arbor.ReceivesMessages(method.ContainingType))
        {
            return;
        }

        foreach (var parameter in method.Parameters)
        {
            if (ReplyType(parameter, arbor) is { } deferred
                && Mutability.WhyMessageIsMutable(deferred) is { } why
                && !RepliesWithOwnState(context, declaration)
                && ParameterTypeLocation(parameter, unwrapped: true, context.CancellationToken) is { } location)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.MutableMessage, location, "The deferred reply", SymbolNames.Of(method), Display(deferred), why));
            }
        }

        if (asyncResults.Unwrap(method.ReturnType) is { } reply
            && Mutability.WhyMessageIsMutable(reply) is { } replyWhy
            && !RepliesWithOwnState(context, declaration))
        {
            var location = MessageTypeSyntax(declaration.ReturnType, !SymbolEqualityComparer.Default.Equals(reply, method.ReturnType)).GetLocation();
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.MutableMessage, location, "The reply", SymbolNames.Of(method), Display(reply), replyWhy));
        }
    }

    /// <summary>The <c>T</c> of a <c>ReplyTo&lt;T&gt;</c> parameter, or null for an ordinary parameter.</summary>
    private static ITypeSymbol? ReplyType(IParameterSymbol parameter, ArborSymbols arbor) =>
        arbor.ReplyTo is not null
        && parameter.Type is INamedTypeSymbol { TypeArguments.Length: 1 } replyTo
        && SymbolEqualityComparer.Default.Equals(replyTo.OriginalDefinition, arbor.ReplyTo)
            ? replyTo.TypeArguments[0]
            : null;

    /// <summary>Some reply of the handler (returned, or passed to <c>Reply</c>) is its own state: ARB1003 reports it.</summary>
    private static bool RepliesWithOwnState(SyntaxNodeAnalysisContext context, MethodDeclarationSyntax declaration)
    {
        var body = (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody;
        if (body is null)
        {
            return false;
        }

        foreach (var node in body.DescendantNodesAndSelf(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            var replied = node switch
            {
                ReturnStatementSyntax { Expression: { } returned } => returned,
                ArrowExpressionClauseSyntax { Expression: var arrow } => arrow,
                InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } invocation when SyntaxNames.InvokedName(invocation) == "Reply" => invocation.ArgumentList.Arguments[0].Expression,
                _ => null,
            };

            if (replied is not null
                && ReplyState.LooksLikeState(replied)
                && context.SemanticModel.GetOperation(replied, context.CancellationToken) is { } operation
                && ReplyState.Find(operation) is not null)
            {
                return true;
            }
        }

        return false;
    }

    private static Location? ParameterTypeLocation(IParameterSymbol parameter, bool unwrapped, CancellationToken cancellationToken) =>
        parameter.DeclaringSyntaxReferences.Length > 0
        && parameter.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is ParameterSyntax { Type: { } type }
            ? MessageTypeSyntax(type, unwrapped).GetLocation()
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
