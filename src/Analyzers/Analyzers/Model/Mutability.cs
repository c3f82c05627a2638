using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Arbor.Analyzers;

/// <summary>
/// Decides whether a value of some type can be changed through the reference that holds it, and says why. Precision
/// first: only types known to be mutable count (arrays, the BCL's mutable collections, <c>StringBuilder</c>, and source
/// types with accessible setters or non-readonly fields); an unknown library type is assumed immutable.
/// </summary>
internal static class Mutability
{
    /// <summary>How many levels of member types a message check follows (Order → Line → List&lt;...&gt;).</summary>
    private const int MessageDepth = 3;

    private static readonly ImmutableHashSet<string> s_mutableTypes = ImmutableHashSet.Create(
        "System.Collections.Generic.List`1",
        "System.Collections.Generic.Dictionary`2",
        "System.Collections.Generic.HashSet`1",
        "System.Collections.Generic.Queue`1",
        "System.Collections.Generic.Stack`1",
        "System.Collections.Generic.LinkedList`1",
        "System.Collections.Generic.SortedDictionary`2",
        "System.Collections.Generic.SortedList`2",
        "System.Collections.Generic.SortedSet`1",
        "System.Collections.Generic.PriorityQueue`2",
        "System.Collections.Generic.ICollection`1",
        "System.Collections.Generic.IList`1",
        "System.Collections.Generic.IDictionary`2",
        "System.Collections.Generic.ISet`1",
        "System.Collections.ObjectModel.Collection`1",
        "System.Collections.ObjectModel.ObservableCollection`1",
        "System.Collections.Concurrent.ConcurrentDictionary`2",
        "System.Collections.Concurrent.ConcurrentQueue`1",
        "System.Collections.Concurrent.ConcurrentStack`1",
        "System.Collections.Concurrent.ConcurrentBag`1",
        "System.Collections.Concurrent.BlockingCollection`1",
        "System.Collections.ArrayList",
        "System.Collections.Hashtable",
        "System.Collections.Queue",
        "System.Collections.Stack",
        "System.Collections.IList",
        "System.Collections.IDictionary",
        "System.Text.StringBuilder",
        "System.Memory`1");

    /// <summary>Why the object behind a reference of <paramref name="type"/> can be changed through it (shallow), or null.</summary>
    public static string? WhyStateIsMutable(ITypeSymbol type) =>
        WhyMutable(type, depth: 0, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default));

    /// <summary>Why a message of <paramref name="type"/> can be changed by sender or receiver (follows member types), or null.</summary>
    public static string? WhyMessageIsMutable(ITypeSymbol type) =>
        WhyMutable(type, MessageDepth, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default));

    /// <summary>True for arrays and the BCL's mutable collection types (or classes derived from them).</summary>
    public static bool IsMutableCollection(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol)
        {
            return true;
        }

        for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
        {
            if (s_mutableTypes.Contains(MetadataName(current.OriginalDefinition)))
            {
                return true;
            }
        }

        return false;
    }

    private static string? WhyMutable(ITypeSymbol type, int depth, HashSet<ITypeSymbol> visiting)
    {
        if (type is IArrayTypeSymbol)
        {
            return $"'{Display(type)}' is an array, whose elements can be replaced";
        }

        if (type is not INamedTypeSymbol named || named.SpecialType != SpecialType.None)
        {
            return null;
        }

        if (IsMutableCollection(named))
        {
            return $"'{Display(type)}' is a mutable collection";
        }

        if (named.TypeKind is not (TypeKind.Class or TypeKind.Struct) || named.DeclaringSyntaxReferences.IsEmpty)
        {
            return null; // interfaces, enums, delegates and library types we know nothing about
        }

        if (!visiting.Add(named.OriginalDefinition))
        {
            return null;
        }

        for (var current = named; current is not null && !current.DeclaringSyntaxReferences.IsEmpty; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (WhyMemberIsMutable(named, member, depth, visiting) is { } reason)
                {
                    return reason;
                }
            }
        }

        return null;
    }

    private static string? WhyMemberIsMutable(INamedTypeSymbol owner, ISymbol member, int depth, HashSet<ITypeSymbol> visiting)
    {
        if (member.IsStatic || member.IsImplicitlyDeclared || !IsVisibleOutside(member))
        {
            return null;
        }

        // Value types are copied when they cross the boundary, so their own setters do not leak anything.
        var isClass = owner.TypeKind == TypeKind.Class;
        switch (member)
        {
            case IPropertySymbol { IsIndexer: false } property:
                if (isClass && property.SetMethod is { IsInitOnly: false } setter && IsVisibleOutside(setter))
                {
                    return $"property '{property.Name}' has a setter";
                }

                return depth > 0 && WhyMutable(property.Type, depth - 1, visiting) is not null
                    ? $"property '{property.Name}' holds a mutable '{Display(property.Type)}'"
                    : null;
            case IFieldSymbol { IsConst: false } field:
                if (isClass && !field.IsReadOnly)
                {
                    return $"field '{field.Name}' is not readonly";
                }

                return depth > 0 && WhyMutable(field.Type, depth - 1, visiting) is not null
                    ? $"field '{field.Name}' holds a mutable '{Display(field.Type)}'"
                    : null;
            default:
                return null;
        }
    }

    private static bool IsVisibleOutside(ISymbol symbol) =>
        symbol.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;

    private static string Display(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);

    private static string MetadataName(INamedTypeSymbol type)
    {
        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } containing ? containing.ToDisplayString() + "." : string.Empty;
        return ns + type.MetadataName;
    }
}
