using Microsoft.CodeAnalysis;

namespace Arbor.Analyzers;

/// <summary>How diagnostic messages name a member: <c>Counter.Add</c>, <c>Counter.Counter</c> for init, <c>Counter.Items</c> for an accessor.</summary>
internal static class SymbolNames
{
    private static readonly SymbolDisplayFormat s_memberFormat = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameOnly,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        memberOptions: SymbolDisplayMemberOptions.IncludeContainingType);

    public static string Of(ISymbol symbol)
    {
        if (symbol is IMethodSymbol { AssociatedSymbol: { } associated })
        {
            symbol = associated;
        }

        return symbol.ToDisplayString(s_memberFormat);
    }
}
