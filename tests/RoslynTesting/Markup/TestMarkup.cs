using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Arbor.RoslynTesting.Markup;

/// <summary>
/// Source text with marked spans, parsed from markup: <c>[|...|]</c>, <c>{|ID:...|}</c> and <c>{|#n:...|}</c>, which
/// may nest. Anything else, including a lone <c>|</c> or <c>{</c>, is plain text.
/// </summary>
public sealed class TestMarkup
{
    private TestMarkup(string source, ImmutableArray<MarkupSpan> spans)
    {
        Source = source;
        Spans = spans;
    }

    /// <summary>The source with the markup removed.</summary>
    public string Source { get; }

    /// <summary>The marked spans, in order of their start (then of their opening).</summary>
    public ImmutableArray<MarkupSpan> Spans { get; }

    /// <summary>Parses <paramref name="markup"/>; throws <see cref="FormatException"/> on unbalanced markers.</summary>
    public static TestMarkup Parse(string markup)
    {
        var source = new StringBuilder(markup.Length);
        var open = new Stack<(string? Id, int? Index, int Start, int MarkupPosition)>();
        var spans = new List<MarkupSpan>();
        var i = 0;
        while (i < markup.Length)
        {
            if (At(markup, i, "[|"))
            {
                open.Push((null, null, source.Length, i));
                i += 2;
            }
            else if (At(markup, i, "{|") && TryReadLabel(markup, i + 2, out var label, out var afterLabel))
            {
                if (label.StartsWith("#", StringComparison.Ordinal))
                {
                    open.Push((null, int.Parse(label.Substring(1), NumberStyles.None, CultureInfo.InvariantCulture), source.Length, i));
                }
                else
                {
                    open.Push((label, null, source.Length, i));
                }

                i = afterLabel;
            }
            else if (At(markup, i, "|]") || At(markup, i, "|}"))
            {
                if (open.Count == 0)
                {
                    throw new FormatException($"Markup closes a span at offset {i} that was never opened.");
                }

                var (id, index, start, _) = open.Pop();
                spans.Add(new MarkupSpan(id, index, TextSpan.FromBounds(start, source.Length)));
                i += 2;
            }
            else
            {
                source.Append(markup[i]);
                i++;
            }
        }

        if (open.Count > 0)
        {
            throw new FormatException($"Markup opens a span at offset {open.Peek().MarkupPosition} that is never closed.");
        }

        spans.Sort((a, b) => a.Span.Start != b.Span.Start ? a.Span.Start.CompareTo(b.Span.Start) : b.Span.Length.CompareTo(a.Span.Length));
        return new TestMarkup(source.ToString(), spans.ToImmutableArray());
    }

    private static bool At(string text, int index, string token) => string.CompareOrdinal(text, index, token, 0, token.Length) == 0;

    // A label is "#<digits>" or a diagnostic id (letters and digits), followed by ':'.
    private static bool TryReadLabel(string text, int start, out string label, out int afterColon)
    {
        var end = start;
        if (end < text.Length && text[end] == '#')
        {
            end++;
            while (end < text.Length && char.IsDigit(text[end]))
            {
                end++;
            }
        }
        else
        {
            while (end < text.Length && char.IsLetterOrDigit(text[end]))
            {
                end++;
            }
        }

        var valid = end > start && end < text.Length && text[end] == ':' && !(end == start + 1 && text[start] == '#');
        label = valid ? text.Substring(start, end - start) : string.Empty;
        afterColon = end + 1;
        return valid;
    }
}
