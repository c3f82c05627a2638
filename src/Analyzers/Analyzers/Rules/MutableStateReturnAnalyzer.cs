using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Arbor.Analyzers;

/// <summary>
/// ARB1003: a <c>[Call]</c> handler replies with one of its own fields (or auto-properties) whose type is mutable —
/// returned, or passed to a deferred <c>ReplyTo&lt;T&gt;.Reply</c>. The caller then holds a live reference to the
/// server's state. A copy (<c>new List&lt;T&gt;(_items)</c>, <c>ToArray()</c>, an immutable snapshot) is fine.
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
            || !LooksLikeState(value)
            || context.ContainingSymbol is not IMethodSymbol handler
            || arbor.GetHandlerKind(handler) != HandlerKind.Call
            || !arbor.IsGenServer(handler.ContainingType))
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

    private static bool LooksLikeState(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax => true,
        MemberAccessExpressionSyntax access => LooksLikeState(access.Expression) || access.Expression is ThisExpressionSyntax,
        ParenthesizedExpressionSyntax parenthesized => LooksLikeState(parenthesized.Expression),
        _ => false,
    };

    private static void Check(SyntaxNodeAnalysisContext context, IMethodSymbol handler, IOperation value)
    {
        var returned = OperationWalk.WithoutConversions(value);
        if (returned is null || !IsOwnState(returned, out var state) || Mutability.WhyStateIsMutable(state.Type) is not { } why)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.MutableStateReturned,
            returned.Syntax.GetLocation(),
            SymbolNames.Of(handler),
            returned.Syntax.ToString(),
            why));
    }

    /// <summary>A field or auto-property reached from <c>this</c> through fields only (<c>_items</c>, <c>_state.Items</c>).</summary>
    private static bool IsOwnState(IOperation operation, out (ITypeSymbol Type, ISymbol Member) state)
    {
        state = default;
        ISymbol member;
        IOperation? instance;
        switch (operation)
        {
            case IFieldReferenceOperation { Field.IsStatic: false } field:
                member = field.Field;
                instance = field.Instance;
                break;
            case IPropertyReferenceOperation { Property: { IsStatic: false, IsIndexer: false } property } reference when PropertyShape.IsAutoProperty(property):
                member = property;
                instance = reference.Instance;
                break;
            default:
                return false;
        }

        instance = OperationWalk.WithoutConversions(instance);
        var rooted = instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }
            || (instance is not null && IsOwnState(instance, out _));
        if (!rooted)
        {
            return false;
        }

        state = (operation.Type!, member);
        return operation.Type is not null;
    }
}
