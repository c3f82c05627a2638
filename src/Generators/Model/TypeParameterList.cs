namespace Arbor.Generators.Model;

/// <summary>Spells type parameter names as C# writes them after a type name.</summary>
internal static class TypeParameterList
{
    /// <summary><c>&lt;TKey, TValue&gt;</c>, or nothing for a non-generic type (so non-generic output is unchanged).</summary>
    public static string Of(EquatableArray<string> names) =>
        names.Count == 0 ? string.Empty : "<" + string.Join(", ", names) + ">";

    /// <summary>The same in an XML doc <c>cref</c>, which writes type parameters in braces: <c>CacheRef{TKey, TValue}</c>.</summary>
    public static string OfCref(EquatableArray<string> names) =>
        names.Count == 0 ? string.Empty : "{" + string.Join(", ", names) + "}";
}
