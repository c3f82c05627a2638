using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Arbor.Generators.Model;

/// <summary>
/// A source location as plain values. <see cref="Location"/> holds its syntax tree, so keeping one in the pipeline
/// would pin old compilations in memory and break equality between runs.
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(Location? location) =>
        location is null || !location.IsInSource
            ? null
            : new LocationInfo(location.SourceTree?.FilePath ?? string.Empty, location.SourceSpan, location.GetLineSpan().Span);

    public static LocationInfo? From(SyntaxNode? node) => From(node?.GetLocation());

    public static LocationInfo? From(SyntaxToken token) => From(token.GetLocation());

    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
}
