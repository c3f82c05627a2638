using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Arbor.RoslynTesting.Analysis;

/// <summary>Formats diagnostics for failure messages: id, severity, file(line,col-line,col), message and the marked source line.</summary>
public static class DiagnosticText
{
    /// <summary>One line per diagnostic, each followed by the source it points at.</summary>
    public static string FormatAll(IEnumerable<Diagnostic> diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Select(Format));

    /// <summary>One diagnostic.</summary>
    public static string Format(Diagnostic diagnostic)
    {
        var location = diagnostic.Location;
        if (!location.IsInSource || location.SourceTree is null)
        {
            return $"  {diagnostic.Id} {diagnostic.Severity} (no location): {diagnostic.GetMessage()}";
        }

        return Format(diagnostic.Id, diagnostic.Severity.ToString(), location.SourceTree.GetText(), location.SourceTree.FilePath, location.SourceSpan, diagnostic.GetMessage());
    }

    /// <summary>A diagnostic given by parts (also used for expectations).</summary>
    public static string Format(string id, string severity, SourceText text, string filePath, TextSpan span, string? message)
    {
        var lines = text.Lines.GetLinePositionSpan(span);
        var line = text.Lines[lines.Start.Line];
        var lineText = line.ToString();
        var markStart = span.Start - line.Start;
        var markLength = Math.Max(1, Math.Min(span.End, line.End) - span.Start);
        var snippet = $"      {lineText.TrimEnd()}{Environment.NewLine}      {new string(' ', markStart)}{new string('^', markLength)}";
        var position = $"{Path.GetFileName(filePath)}({lines.Start.Line + 1},{lines.Start.Character + 1}-{lines.End.Line + 1},{lines.End.Character + 1})";
        return $"  {id} {severity} {position}: {message ?? "(message not checked)"}{Environment.NewLine}{snippet}";
    }
}
