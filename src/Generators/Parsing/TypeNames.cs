using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Arbor.Generators.Parsing;

/// <summary>How symbols are spelled in generated code: fully qualified (so no user using or type can capture a name) and with nullable annotations.</summary>
internal static class TypeNames
{
    private static readonly SymbolDisplayFormat s_qualified = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private static readonly SymbolDisplayFormat s_signatureKey = SymbolDisplayFormat.FullyQualifiedFormat;

    /// <summary>The type as written in generated declarations, e.g. <c>global::System.Collections.Generic.List&lt;string?&gt;</c>.</summary>
    public static string Qualified(ITypeSymbol type) => type.ToDisplayString(s_qualified);

    /// <summary>The type as a type pattern can test it: no nullable annotation, and <c>T</c> for <c>T?</c> value types.</summary>
    public static string Pattern(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        return type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(s_qualified);
    }

    /// <summary>The type as it counts for C# overload identity (nullable annotations do not distinguish overloads).</summary>
    public static string SignatureKey(ITypeSymbol type) => type.ToDisplayString(s_signatureKey);

    /// <summary>A name usable as an identifier in generated code: keywords get an <c>@</c>.</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>A short, readable name for messages (<c>Counter.Add</c>).</summary>
    public static string Short(ISymbol symbol) => symbol.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
}
