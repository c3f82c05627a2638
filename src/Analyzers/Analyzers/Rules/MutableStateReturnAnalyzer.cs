using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Arbor.Analyzers;

/// <summary>
/// ARB1003: a <c>[Call]</c> handler replies with one of its own fields (or auto-properties) whose type is mutable —
/// returned, or passed to a deferred <c>ReplyTo&lt;T&gt;.Reply</c>. The caller then holds a live reference to the
/// server's state. A live view of such a field is the same leak: <c>AsReadOnly()</c>, a dictionary's <c>Keys</c>/<c>Values</c>,
/// a read-only wrapper, deferred LINQ over it (see <see cref="ReplyState"/>). A copy (<c>new List&lt;T&gt;(_items)</c>,
/// <c>ToArray()</c>, <c>ToList()</c>, an immutable snapshot) is fine. When the reply type is itself mutable, this rule owns
/// the finding and ARB1004 stays silent on that reply.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MutableStateReturnAnalyzer : ArborAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public MutableStateReturnAnalyzer()
        : base(Descriptors.MutableStateReturned)
    {
    }

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext start, ArborSymbols arbor)
    {
        start.RegisterSyntaxNodeAction(
            context => Analyze(context, arbor),
            SyntaxKind.ReturnStatement,
            SyntaxKind.ArrowExpressionClause,
            SyntaxKind.InvocationExpression);
    }

    private static void Analyze(SyntaxNodeAnalysisContext context, ArborSymbols arbor)
    {
        // Binding-free filter first: the replied value must look like a field or property access.
        var (value, isReply) = context.Node switch
        {
            ReturnStatementSyntax { Expression: { } returned } => (returned, false),
            ArrowExpressionClauseSyntax { Parent: MethodDeclarationSyntax, Expression: var body } => (body, false),
            InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } invocation when SyntaxNames.InvokedName(invocation) == "Reply"
                => (invocation.ArgumentList.Arguments[0].Expression, true),
            _ => ((ExpressionSyntax?)null, false),
        };

        if (value is null
            || !ReplyState.LooksLikeState(value)
            || context.ContainingSymbol is not IMethodSymbol handler
            || arbor.GetHandlerKind(handler) != HandlerKind.Call
            || !arbor.ReceivesMessages(handler.ContainingType))
        {
            return;
        }

        if (isReply)
        {
            if (context.SemanticModel.GetOperation(context.Node, context.CancellationToken) is IInvocationOperation invocation
                && arbor.ReplyTo is not null
                && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType.OriginalDefinition, arbor.ReplyTo)
                && invocation.Arguments.Length == 1)
            {
                Check(context, handler, invocation.Arguments[0].Value);
            }

            return;
        }

        if (context.SemanticModel.GetOperation(value, context.CancellationToken) is { } operation && OperationWalk.EnclosingFunction(operation) is null)
        {
            Check(context, handler, operation);
        }
    }

    private static void Check(SyntaxNodeAnalysisContext context, IMethodSymbol handler, IOperation value)
    {
        var returned = OperationWalk.WithoutConversions(value);
        if (returned is null || ReplyState.Find(returned) is not { } state)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.MutableStateReturned,
            returned.Syntax.GetLocation(),
            SymbolNames.Of(handler),
            returned.Syntax.ToString(),
            state.Why));
    }
}
