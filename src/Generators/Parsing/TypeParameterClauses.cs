using System.Collections.Generic;
using Arbor.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Arbor.Generators.Parsing;

/// <summary>
/// A generic type's type parameters as C#: the names (for the generated partial and the generic client) and the
/// <c>where</c> clauses. The client struct and interface are new types, so they must restate the server's constraints:
/// they name the server's message classes, and may pass their type parameters on to constrained types.
/// </summary>
internal static class TypeParameterClauses
{
    public static EquatableArray<string> Names(INamedTypeSymbol type)
    {
        var names = new List<string>();
        foreach (var parameter in type.TypeParameters)
        {
            names.Add(TypeNames.Identifier(parameter.Name));
        }

        return EquatableArray.From(names);
    }

    /// <summary>One <c>where T : ...</c> clause per constrained type parameter, in declaration order.</summary>
    public static EquatableArray<string> Constraints(INamedTypeSymbol type)
    {
        var clauses = new List<string>();
        foreach (var parameter in type.TypeParameters)
        {
            var constraints = Of(parameter);
            if (constraints.Count > 0)
            {
                clauses.Add("where " + TypeNames.Identifier(parameter.Name) + " : " + string.Join(", ", constraints));
            }
        }

        return EquatableArray.From(clauses);
    }

    /// <summary>In the order C# requires: the primary constraint, then types, then <c>new()</c>, then <c>allows ref struct</c>.</summary>
    private static List<string> Of(ITypeParameterSymbol parameter)
    {
        var constraints = new List<string>();
        if (parameter.HasUnmanagedTypeConstraint)
        {
            // Roslyn also reports a value-type constraint for unmanaged; C# spells it alone.
            constraints.Add("unmanaged");
        }
        else if (parameter.HasValueTypeConstraint)
        {
            constraints.Add("struct");
        }
        else if (parameter.HasReferenceTypeConstraint)
        {
            constraints.Add(parameter.ReferenceTypeConstraintNullableAnnotation == NullableAnnotation.Annotated ? "class?" : "class");
        }
        else if (parameter.HasNotNullConstraint)
        {
            constraints.Add("notnull");
        }

        for (var i = 0; i < parameter.ConstraintTypes.Length; i++)
        {
            var annotation = i < parameter.ConstraintNullableAnnotations.Length ? parameter.ConstraintNullableAnnotations[i] : NullableAnnotation.None;
            constraints.Add(TypeNames.Qualified(parameter.ConstraintTypes[i].WithNullableAnnotation(annotation)));
        }

        if (parameter.HasConstructorConstraint)
        {
            constraints.Add("new()");
        }

        if (parameter.AllowsRefLikeType)
        {
            constraints.Add("allows ref struct");
        }

        return constraints;
    }
}
