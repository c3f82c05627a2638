using Microsoft.CodeAnalysis;

namespace Arbor.Analyzers;

/// <summary>What kind of property a symbol is, as far as holding state goes.</summary>
internal static class PropertyShape
{
    /// <summary>An auto-property stores one object (in a hidden backing field); a computed one may build a fresh value on each read.</summary>
    public static bool IsAutoProperty(IPropertySymbol property)
    {
        foreach (var member in property.ContainingType.GetMembers())
        {
            if (member is IFieldSymbol { IsImplicitlyDeclared: true } field
                && SymbolEqualityComparer.Default.Equals(field.AssociatedSymbol, property))
            {
                return true;
            }
        }

        return false;
    }
}
