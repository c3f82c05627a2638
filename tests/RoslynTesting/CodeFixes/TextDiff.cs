using System;
using System.Text;

namespace Arbor.RoslynTesting.CodeFixes;

/// <summary>A line-by-line comparison of two texts for failure messages: the first differing line and both full texts.</summary>
public static class TextDiff
{
    /// <summary>Describes how <paramref name="actual"/> differs from <paramref name="expected"/>.</summary>
    public static string Describe(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var report = new StringBuilder();
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "<end of text>";
            var a = i < actualLines.Length ? actualLines[i] : "<end of text>";
            if (e != a)
            {
                report.AppendLine($"First difference at line {i + 1}:")
                    .AppendLine($"  expected: \"{e}\"")
                    .AppendLine($"  actual:   \"{a}\"");
                break;
            }
        }

        report.AppendLine("Actual text:").AppendLine(actual);
        return report.ToString();
    }
}
