using Microsoft.CodeAnalysis.Text;

namespace Arbor.RoslynTesting.Markup;

/// <summary>
/// One marked span of test markup: <c>[|...|]</c> (no id: the test's default diagnostic), <c>{|ARB1001:...|}</c>
/// (a diagnostic id) or <c>{|#0:...|}</c> (a numbered location that expectations refer to).
/// </summary>
/// <param name="DiagnosticId">The id written in the markup, or null for <c>[|...|]</c> and numbered locations.</param>
/// <param name="LocationIndex">The number of a <c>{|#n:...|}</c> location, otherwise null.</param>
/// <param name="Span">The span in the source with all markup removed.</param>
public sealed record MarkupSpan(string? DiagnosticId, int? LocationIndex, TextSpan Span);
