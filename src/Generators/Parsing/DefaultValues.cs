using System;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Arbor.Generators.Parsing;

/// <summary>
/// Spells a parameter's default value as C# for the generated client and start methods, so <c>Add(int by = 1)</c>
/// becomes <c>AddAsync(int by = 1, ...)</c>. Written from the constant, not copied from the source text: the text may
/// name constants that are not in scope where the client is generated.
/// </summary>
internal static class DefaultValues
{
    /// <summary>The default value as C#, or null when the parameter has none.</summary>
    public static string? Of(IParameterSymbol parameter) =>
        parameter.HasExplicitDefaultValue ? Literal(parameter.Type, parameter.ExplicitDefaultValue) : null;

    private static string Literal(ITypeSymbol type, object? value)
    {
        if (value is null)
        {
            // A type parameter that may be a value type has no null literal (CS1750): T x = default.
            if ((type.IsValueType && type.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T) || type is ITypeParameterSymbol { IsReferenceType: false })
            {
                return "default";
            }

            // The generated file has nullable annotations on. A reference type written without '?' (user code with
            // nullable off, where `string s = null` is fine) would make `= null` a warning there (CS8625), so say it
            // is deliberate; the user's own declaration keeps whatever warning it has.
            return type.NullableAnnotation == NullableAnnotation.Annotated || type.IsValueType ? "null" : "null!";
        }

        var target = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            ? nullable.TypeArguments[0]
            : type;
        if (target.TypeKind == TypeKind.Enum)
        {
            return "(" + TypeNames.Qualified(target) + ")(" + Number(value) + ")";
        }

        return value switch
        {
            string text => SymbolDisplay.FormatLiteral(text, quote: true),
            char character => SymbolDisplay.FormatLiteral(character, quote: true),
            bool flag => flag ? "true" : "false",
            int number => number.ToString(CultureInfo.InvariantCulture),
            long number => number.ToString(CultureInfo.InvariantCulture) + "L",
            float single => Real(single.ToString("R", CultureInfo.InvariantCulture), float.IsNaN(single), float.IsPositiveInfinity(single), float.IsNegativeInfinity(single), "float", "F"),
            double real => Real(real.ToString("R", CultureInfo.InvariantCulture), double.IsNaN(real), double.IsPositiveInfinity(real), double.IsNegativeInfinity(real), "double", "D"),
            decimal money => money.ToString(CultureInfo.InvariantCulture) + "M",
            _ => "(" + TypeNames.Qualified(target) + ")(" + Number(value) + ")",
        };
    }

    private static string Number(object value) => value switch
    {
        ulong large => large.ToString(CultureInfo.InvariantCulture) + "UL",
        IFormattable number => Convert.ToInt64(number, CultureInfo.InvariantCulture) is var whole && whole is >= int.MinValue and <= int.MaxValue
            ? whole.ToString(CultureInfo.InvariantCulture)
            : whole.ToString(CultureInfo.InvariantCulture) + "L",
        _ => "default",
    };

    private static string Real(string text, bool nan, bool positiveInfinity, bool negativeInfinity, string keyword, string suffix) =>
        nan ? keyword + ".NaN"
        : positiveInfinity ? keyword + ".PositiveInfinity"
        : negativeInfinity ? keyword + ".NegativeInfinity"
        : text + suffix;
}
