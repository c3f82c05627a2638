using Microsoft.CodeAnalysis;

namespace Arbor.Generators.Parsing;

/// <summary>
/// Finds types in a handler signature that the generated client could not expose: the client struct, interface and
/// start methods are as accessible as the GenServer and live next to it, not inside it.
/// </summary>
internal static class AccessibilityCheck
{
    /// <summary>The first type inside <paramref name="type"/> less accessible than <paramref name="genServer"/>, or null.</summary>
    public static ITypeSymbol? FindLessAccessible(ITypeSymbol type, INamedTypeSymbol genServer) =>
        Find(type, EffectiveRank(genServer), genServer, depth: 0);

    private static ITypeSymbol? Find(ITypeSymbol type, int required, INamedTypeSymbol genServer, int depth)
    {
        if (depth > 32)
        {
            return null;
        }

        switch (type)
        {
            case IArrayTypeSymbol array:
                return Find(array.ElementType, required, genServer, depth + 1);
            case INamedTypeSymbol named when named.TypeKind != TypeKind.Error:
                if (EffectiveRank(named) < required || IsHiddenInside(named, genServer))
                {
                    return named;
                }

                foreach (var argument in named.TypeArguments)
                {
                    if (Find(argument, required, genServer, depth + 1) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>A type nested (at any depth) in the GenServer behind a private or protected level: the client, outside the class, cannot see it.</summary>
    private static bool IsHiddenInside(INamedTypeSymbol type, INamedTypeSymbol genServer)
    {
        var hidden = false;
        for (var current = type; current is not null; current = current.ContainingType)
        {
            // Original definitions: inside a generic server, its nested types are seen through Cache<TKey, TValue>.
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, genServer.OriginalDefinition))
            {
                return hidden;
            }

            hidden |= current.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal;
        }

        return false;
    }

    private static int EffectiveRank(ISymbol symbol)
    {
        var rank = int.MaxValue;
        for (var current = symbol; current is INamedTypeSymbol; current = current.ContainingType)
        {
            rank = System.Math.Min(rank, Rank(current.DeclaredAccessibility));
        }

        return rank;
    }

    private static int Rank(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Public => 4,
        Accessibility.ProtectedOrInternal => 3,
        Accessibility.Internal or Accessibility.Protected => 2,
        Accessibility.ProtectedAndInternal => 1,
        Accessibility.NotApplicable => 4,
        _ => 0,
    };
}
