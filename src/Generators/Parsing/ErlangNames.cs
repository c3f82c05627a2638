using System.Text;
using Microsoft.CodeAnalysis;

namespace Arbor.Generators.Parsing;

/// <summary>How C# names become Erlang atoms and variables: snake_case atoms unless <c>[ErlangName]</c> says otherwise.</summary>
internal static class ErlangNames
{
    public const string ErlangNameAttribute = "Arbor.ErlangNameAttribute";

    /// <summary>The atom for <paramref name="symbol"/>: its <c>[ErlangName]</c>, else <paramref name="name"/> in snake_case.</summary>
    public static string AtomFor(ISymbol symbol, string name)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == ErlangNameAttribute
                && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is string explicitName)
            {
                return explicitName;
            }
        }

        return SnakeCase(name);
    }

    /// <summary><c>GetAll</c> → <c>get_all</c>, <c>HTTPServer</c> → <c>http_server</c>, <c>by</c> → <c>by</c>.</summary>
    public static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var previous = i > 0 ? name[i - 1] : '\0';
                var next = i + 1 < name.Length ? name[i + 1] : '\0';
                if (i > 0 && previous != '_' && (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && char.IsLower(next))))
                {
                    text.Append('_');
                }

                text.Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    /// <summary>A parameter as an Erlang variable, for documentation: <c>by</c> → <c>By</c>.</summary>
    public static string Variable(string name)
    {
        name = name.TrimStart('@');
        return name.Length == 0 ? "_" : char.ToUpperInvariant(name[0]) + name.Substring(1);
    }
}
