using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;

namespace Arbor.Generators.Tests.Support;

/// <summary>
/// Test sources with <c>[|...|]</c> around the text a diagnostic should point at. <see cref="Parse"/> removes the
/// markers and returns the spans they enclosed, in the cleaned text.
/// </summary>
internal static class Markup
{
    public static (string Source, List<TextSpan> Spans) Parse(string markup)
    {
        var spans = new List<TextSpan>();
        var source = new System.Text.StringBuilder();
        var open = new Stack<int>();
        for (var i = 0; i < markup.Length; i++)
        {
            if (markup[i] == '[' && i + 1 < markup.Length && markup[i + 1] == '|')
            {
                open.Push(source.Length);
                i++;
            }
            else if (markup[i] == '|' && i + 1 < markup.Length && markup[i + 1] == ']')
            {
                var start = open.Pop();
                spans.Add(TextSpan.FromBounds(start, source.Length));
                i++;
            }
            else
            {
                source.Append(markup[i]);
            }
        }

        return (source.ToString(), spans);
    }
}
