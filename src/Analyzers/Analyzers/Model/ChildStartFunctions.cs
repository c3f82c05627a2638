using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Arbor.Analyzers;

/// <summary>
/// Recognises code that runs as a supervisor's child start function: any lambda, local function or method that takes a
/// <c>ChildStartContext</c> (the shape of <c>ChildSpec.Start</c>), or a GenServer's own <c>ChildSpec(...)</c> factory.
/// </summary>
internal static class ChildStartFunctions
{
    /// <summary>
    /// Binding-free filter: the node sits in a lambda passed to an object creation (<c>new ChildSpec(id, ctx =&gt; ...)</c>,
    /// <c>new(...)</c>) or assigned in an initializer (<c>Start = ...</c>), or in a function with a parameter typed
    /// <c>ChildStartContext</c>.
    /// </summary>
    public static bool MayBeInside(SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case AnonymousFunctionExpressionSyntax lambda
                    when lambda.Parent is ArgumentSyntax { Parent.Parent: BaseObjectCreationExpressionSyntax } or AssignmentExpressionSyntax:
                    return true;
                case AnonymousFunctionExpressionSyntax lambda when TakesChildStartContext(lambda):
                    return true;
                case BaseMethodDeclarationSyntax { ParameterList: var parameters } when TakesChildStartContext(parameters):
                    return true;
                case LocalFunctionStatementSyntax { ParameterList: var parameters } when TakesChildStartContext(parameters):
                    return true;
            }
        }

        return false;
    }

    /// <summary>Semantic check: the operation runs inside a child start function.</summary>
    public static bool IsInside(IOperation operation, ISymbol? containingMember, ArborSymbols arbor)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            var function = current switch
            {
                IAnonymousFunctionOperation lambda => lambda.Symbol,
                ILocalFunctionOperation local => local.Symbol,
                _ => null,
            };

            if (function is not null && TakesChildStartContext(function, arbor))
            {
                return true;
            }
        }

        return containingMember is IMethodSymbol method && (TakesChildStartContext(method, arbor) || arbor.IsChildSpecFactory(method));
    }

    private static bool TakesChildStartContext(AnonymousFunctionExpressionSyntax lambda) => lambda switch
    {
        ParenthesizedLambdaExpressionSyntax { ParameterList: var parameters } => TakesChildStartContext(parameters),
        AnonymousMethodExpressionSyntax { ParameterList: { } parameters } => TakesChildStartContext(parameters),
        _ => false,
    };

    private static bool TakesChildStartContext(BaseParameterListSyntax parameters)
    {
        foreach (var parameter in parameters.Parameters)
        {
            if (parameter.Type is { } type && SyntaxNames.NameOf(type) == "ChildStartContext")
            {
                return true;
            }
        }

        return false;
    }

    private static bool TakesChildStartContext(IMethodSymbol method, ArborSymbols arbor)
    {
        foreach (var parameter in method.Parameters)
        {
            if (arbor.ChildStartContext is not null && SymbolEqualityComparer.Default.Equals(parameter.Type, arbor.ChildStartContext))
            {
                return true;
            }
        }

        return false;
    }
}
