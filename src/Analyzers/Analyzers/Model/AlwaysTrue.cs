using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Arbor.Analyzers;

/// <summary>
/// Decides whether a catch filter lets every exception through: <c>when (true)</c>, a test that cannot fail
/// (<c>e != null</c>, <c>e is not null</c>, <c>e is Exception</c>), a negated type test ("everything but X"), or a call
/// to a helper of the user's that always answers true (typically one that logs and returns true). Helpers are read
/// from their syntax, a few calls deep, so no other method body is bound.
/// </summary>
internal static class AlwaysTrue
{
    /// <summary>How many helper calls deep a filter is followed.</summary>
    private const int MaxDepth = 3;

    /// <summary>True when <paramref name="filter"/> (null: no filter) lets every exception caught as <paramref name="caught"/> through.</summary>
    public static bool LetsEverythingThrough(IOperation? filter, ILocalSymbol? exception, ITypeSymbol? caught)
    {
        filter = OperationWalk.WithoutConversions(filter);
        return filter switch
        {
            null => true,
            { ConstantValue: { HasValue: true, Value: true } } => true,
            IIsPatternOperation { Pattern: INegatedPatternOperation } => true,
            IIsTypeOperation { ValueOperand: var value, TypeOperand: var type, IsNegated: false } => IsException(value, exception) && IsBaseOf(type, caught),
            IBinaryOperation { OperatorKind: BinaryOperatorKind.NotEquals } binary => ComparesWithNull(binary, exception),
            IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or => LetsEverythingThrough(or.LeftOperand, exception, caught) || LetsEverythingThrough(or.RightOperand, exception, caught),
            IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and => LetsEverythingThrough(and.LeftOperand, exception, caught) && LetsEverythingThrough(and.RightOperand, exception, caught),
            IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, Operand: var operand } =>
                OperationWalk.WithoutConversions(operand) is IIsTypeOperation or IIsPatternOperation { Pattern: not INegatedPatternOperation },
            IInvocationOperation { TargetMethod: var helper } => HelperAlwaysReturnsTrue(helper, MaxDepth),
            _ => false,
        };
    }

    private static bool IsException(IOperation value, ILocalSymbol? exception) =>
        exception is not null && OperationWalk.WithoutConversions(value) is ILocalReferenceOperation { Local: var local } && SymbolEqualityComparer.Default.Equals(local, exception);

    private static bool IsBaseOf(ITypeSymbol type, ITypeSymbol? caught)
    {
        for (var current = caught; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, type))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ComparesWithNull(IBinaryOperation binary, ILocalSymbol? exception) =>
        (IsException(binary.LeftOperand, exception) && IsNull(binary.RightOperand))
        || (IsException(binary.RightOperand, exception) && IsNull(binary.LeftOperand));

    private static bool IsNull(IOperation operand) => OperationWalk.WithoutConversions(operand) is { ConstantValue: { HasValue: true, Value: null } };

    /// <summary>
    /// A source method that cannot be overridden, every return of which is always true: <c>=&gt; true</c>,
    /// <c>{ Log(e); return true; }</c>, <c>=&gt; Track(e) || true</c>, or a call to another such helper of the same type.
    /// </summary>
    private static bool HelperAlwaysReturnsTrue(IMethodSymbol method, int depth)
    {
        if (depth == 0
            || method.ReturnType.SpecialType != SpecialType.System_Boolean
            || method.IsVirtual || method.IsAbstract || method.IsOverride && !method.IsSealed
            || method.DeclaringSyntaxReferences.Length != 1
            || method.DeclaringSyntaxReferences[0].GetSyntax() is not { } declaration
            || declaration is not (MethodDeclarationSyntax or LocalFunctionStatementSyntax))
        {
            return false;
        }

        var (body, expressionBody) = declaration switch
        {
            MethodDeclarationSyntax m => (m.Body, m.ExpressionBody),
            LocalFunctionStatementSyntax l => (l.Body, l.ExpressionBody),
            _ => (null, null),
        };

        if (expressionBody is not null)
        {
            return ExpressionAlwaysTrue(expressionBody.Expression, method.ContainingType, depth);
        }

        if (body is null)
        {
            return false;
        }

        var returns = 0;
        foreach (var node in body.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node is ReturnStatementSyntax returnStatement)
            {
                if (returnStatement.Expression is not { } returned || !ExpressionAlwaysTrue(returned, method.ContainingType, depth))
                {
                    return false;
                }

                returns++;
            }
        }

        return returns > 0;
    }

    private static bool ExpressionAlwaysTrue(ExpressionSyntax expression, INamedTypeSymbol owner, int depth) => expression switch
    {
        LiteralExpressionSyntax literal => literal.IsKind(SyntaxKind.TrueLiteralExpression),
        ParenthesizedExpressionSyntax parenthesized => ExpressionAlwaysTrue(parenthesized.Expression, owner, depth),
        BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.LogicalOrExpression) =>
            ExpressionAlwaysTrue(binary.Left, owner, depth) || ExpressionAlwaysTrue(binary.Right, owner, depth),
        BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.LogicalAndExpression) =>
            ExpressionAlwaysTrue(binary.Left, owner, depth) && ExpressionAlwaysTrue(binary.Right, owner, depth),
        InvocationExpressionSyntax { Expression: IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } } invocation =>
            SyntaxNames.InvokedName(invocation) is { } name && OnlyMethodNamed(owner, name) is { } helper && HelperAlwaysReturnsTrue(helper, depth - 1),
        _ => false,
    };

    /// <summary>The one method of <paramref name="owner"/> with that name (an overloaded name is not followed: no binding here).</summary>
    private static IMethodSymbol? OnlyMethodNamed(INamedTypeSymbol owner, string name)
    {
        IMethodSymbol? found = null;
        foreach (var member in owner.GetMembers(name))
        {
            if (member is not IMethodSymbol method || found is not null)
            {
                return null;
            }

            found = method;
        }

        return found;
    }
}
