using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Arbor.Tests.Shared;

namespace Arbor.Analyzers.Tests.Corpus;

/// <summary>
/// One program of the scoring corpus (<c>Corpus/Cases/**.cs</c>, not compiled into the test project): its text and the
/// diagnostics it must raise. A line that must raise a diagnostic ends with <c>//~ ARBnnnn</c> (several ids separated
/// by spaces); the diagnostic must start on that line. A file without markers is a negative: it must raise nothing.
/// </summary>
internal sealed partial class CorpusCase
{
    private CorpusCase(string name, string text, IReadOnlyList<(int Line, string Id)> expected)
    {
        Name = name;
        Text = text;
        Expected = expected;
    }

    /// <summary>The case's path under <c>Corpus/Cases</c>, e.g. <c>CatchAll/P01_LogAndSwallow.cs</c>.</summary>
    public string Name { get; }

    /// <summary>The program's source text.</summary>
    public string Text { get; }

    /// <summary>The expected diagnostics: zero-based line and rule id.</summary>
    public IReadOnlyList<(int Line, string Id)> Expected { get; }

    /// <summary>True when the case seeds no defect.</summary>
    public bool IsNegative => Expected.Count == 0;

    /// <summary>The folder holding the cases, inside the repository.</summary>
    public static string Folder { get; } = RepositoryRoot.Combine("tests", "Analyzers.Tests", "Corpus", "Cases");

    /// <summary>Every case, in a stable order.</summary>
    public static IReadOnlyList<CorpusCase> LoadAll() =>
        Directory.EnumerateFiles(Folder, "*.cs", SearchOption.AllDirectories)
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(Load)
            .ToList();

    private static CorpusCase Load(string path)
    {
        var text = File.ReadAllText(path);
        var expected = new List<(int, string)>();
        var lines = text.Split('\n');
        for (var line = 0; line < lines.Length; line++)
        {
            var marker = Marker().Match(lines[line]);
            if (marker.Success)
            {
                expected.AddRange(marker.Groups["ids"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(id => (line, id)));
            }
        }

        var name = Path.GetRelativePath(Folder, path).Replace('\\', '/');
        return new CorpusCase(name, text, expected);
    }

    [GeneratedRegex(@"//~(?<ids>( +ARB\d{4})+)\s*$")]
    private static partial Regex Marker();
}
