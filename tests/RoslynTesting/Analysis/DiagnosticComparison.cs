using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Arbor.RoslynTesting.Analysis;

/// <summary>A fully resolved expectation: where, which id, which severity, and optionally which message.</summary>
public sealed record ResolvedExpectation(string Id, string FilePath, SourceText Text, TextSpan Span, DiagnosticSeverity Severity, string? Message);

/// <summary>Compares expected and actual diagnostics exactly (id, file, span, severity, message) and explains any difference.</summary>
public static class DiagnosticComparison
{
    /// <exception cref="AnalyzerTestException">The two sets differ; the message lists what is missing, unexpected or different.</exception>
    public static void AssertMatch(IReadOnlyList<ResolvedExpectation> expected, ImmutableArray<Diagnostic> actual)
    {
        var unmatched = actual.ToList();
        var missing = new List<ResolvedExpectation>();
        var different = new List<string>();
        foreach (var expectation in expected)
        {
            var match = unmatched.FirstOrDefault(d =>
                d.Id == expectation.Id
                && d.Location.SourceSpan == expectation.Span
                && string.Equals(d.Location.SourceTree?.FilePath, expectation.FilePath, StringComparison.Ordinal));
            if (match is null)
            {
                missing.Add(expectation);
                continue;
            }

            unmatched.Remove(match);
            if (match.Severity != expectation.Severity)
            {
                different.Add($"  severity: expected {expectation.Severity}, actual {match.Severity}{Environment.NewLine}{DiagnosticText.Format(match)}");
            }

            if (expectation.Message is not null && match.GetMessage() != expectation.Message)
            {
                different.Add($"  message: expected \"{expectation.Message}\"{Environment.NewLine}           actual   \"{match.GetMessage()}\"{Environment.NewLine}{DiagnosticText.Format(match)}");
            }
        }

        if (missing.Count == 0 && unmatched.Count == 0 && different.Count == 0)
        {
            return;
        }

        var report = new StringBuilder("Diagnostics differ from the expectation.").AppendLine();
        Append(report, "Expected but not reported:", missing.Select(e => DiagnosticText.Format(e.Id, e.Severity.ToString(), e.Text, e.FilePath, e.Span, e.Message)));
        Append(report, "Reported but not expected:", unmatched.Select(DiagnosticText.Format));
        Append(report, "Reported with a different severity or message:", different);
        Append(report, "All actual diagnostics as markup hints:", actual.Select(Hint));
        throw new AnalyzerTestException(report.ToString());
    }

    private static void Append(StringBuilder report, string title, IEnumerable<string> lines)
    {
        var items = lines.ToList();
        if (items.Count == 0)
        {
            return;
        }

        report.AppendLine(title);
        foreach (var item in items)
        {
            report.AppendLine(item);
        }
    }

    private static string Hint(Diagnostic diagnostic)
    {
        var tree = diagnostic.Location.SourceTree;
        var text = tree?.GetText().ToString(diagnostic.Location.SourceSpan) ?? string.Empty;
        return $"  {Path.GetFileName(tree?.FilePath)}: {{|{diagnostic.Id}:{text}|}}  \"{diagnostic.GetMessage()}\"";
    }
}
