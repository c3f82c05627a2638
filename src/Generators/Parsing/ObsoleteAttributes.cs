using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Arbor.Generators.Parsing;

/// <summary>
/// Carries a handler's <c>[Obsolete]</c> over to its client method, so callers see the deprecation where they call
/// the server, not only inside it.
/// </summary>
internal static class ObsoleteAttributes
{
    /// <summary>The attribute as C# (e.g. <c>[global::System.Obsolete("use Fetch", false)]</c>), or null.</summary>
    public static string? For(IMethodSymbol method)
    {
        var obsolete = method.GetAttributes().FirstOrDefault(attribute => attribute.AttributeClass?.ToDisplayString() == "System.ObsoleteAttribute");
        if (obsolete is null)
        {
            return null;
        }

        var arguments = obsolete.ConstructorArguments;
        var message = arguments.Length > 0 && arguments[0].Value is string text ? SymbolDisplay.FormatLiteral(text, quote: true) : null;
        var isError = arguments.Length > 1 && arguments[1].Value is true;
        return message is null
            ? "[global::System.Obsolete]"
            : "[global::System.Obsolete(" + message + (isError ? ", true" : string.Empty) + ")]";
    }
}
