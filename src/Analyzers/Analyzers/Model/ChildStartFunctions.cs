using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Arbor.Analyzers;

/// <summary>
/// Recognises code that runs as a supervisor's child start function: any lambda, local function or method that takes a
/// <c>ChildStartContext</c> (the shape of <c>ChildSpec.Start</c>), or a GenServer's own <c>ChildSpec(...)</c> factory.
/// </summary>
internal static class ChildStartFunctions
{
    public static bool IsInside(IOperation operation, ISymbol containingMember, ArborSymbols arbor)
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
