using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Arbor.RoslynTesting.Markup;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Arbor.RoslynTesting.Analysis;

/// <summary>
/// An analyzer test: sources with markup, optional .editorconfig files and expectations. <see cref="RunAsync"/> runs the
/// analyzers and requires exactly the marked diagnostics — <c>[|...|]</c> (the default id), <c>{|ID:...|}</c>, and
/// <see cref="ExpectedDiagnostics"/> at <c>{|#n:...|}</c> locations — with their default severity unless stated.
/// </summary>
public class AnalyzerTest
{
    /// <summary>Creates a test of <paramref name="analyzers"/>.</summary>
    public AnalyzerTest(params DiagnosticAnalyzer[] analyzers)
    {
        Analyzers = analyzers.ToImmutableArray();
    }

    /// <summary>The analyzers under test.</summary>
    public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

    /// <summary>C# files (markup allowed). Name generated halves <c>*.g.cs</c> so analyzers treat them as generated.</summary>
    public List<TestSource> Sources { get; } = new();

    /// <summary>.editorconfig / .globalconfig files placed next to the sources.</summary>
    public List<TestSource> AnalyzerConfigs { get; } = new();

    /// <summary>Expectations for <c>{|#n:...|}</c> locations.</summary>
    public List<ExpectedDiagnostic> ExpectedDiagnostics { get; } = new();

    /// <summary>The id of <c>[|...|]</c> spans; defaults to the only id the analyzers support.</summary>
    public string? DefaultDiagnosticId { get; set; }

    /// <summary>Lets the test code contain compiler errors (for robustness tests over broken code).</summary>
    public bool AllowCompilerErrors { get; set; }

    /// <summary>Adds a source file; the first is <c>Test0.cs</c>, then <c>Test1.cs</c>...</summary>
    public AnalyzerTest WithSource(string markup)
    {
        Sources.Add(new TestSource($"Test{Sources.Count}.cs", markup));
        return this;
    }

    /// <summary>Runs the analyzers and compares their diagnostics with the expectation.</summary>
    public async Task RunAsync()
    {
        var (project, expected) = Prepare();
        var actual = await AnalyzerRunner.GetDiagnosticsAsync(project, Analyzers, AllowCompilerErrors).ConfigureAwait(false);
        DiagnosticComparison.AssertMatch(expected, actual);
    }

    /// <summary>The project with markup removed, and the expectations resolved to spans and severities.</summary>
    protected (Project Project, IReadOnlyList<ResolvedExpectation> Expected) Prepare()
    {
        var parsed = Sources.Select(s => (s.FileName, Markup: TestMarkup.Parse(s.Text))).ToList();
        var project = TestProjectFactory.Create(parsed.Select(p => new TestSource(p.FileName, p.Markup.Source)), AnalyzerConfigs);

        var expected = new List<ResolvedExpectation>();
        var numbered = new Dictionary<int, (string Path, SourceText Text, TextSpan Span)>();
        foreach (var (fileName, markup) in parsed)
        {
            var path = TestProjectFactory.Folder + fileName;
            var text = SourceText.From(markup.Source);
            foreach (var span in markup.Spans)
            {
                if (span.LocationIndex is { } index)
                {
                    numbered.Add(index, (path, text, span.Span));
                }
                else
                {
                    var id = span.DiagnosticId ?? DefaultId();
                    expected.Add(new ResolvedExpectation(id, path, text, span.Span, DefaultSeverity(id), null));
                }
            }
        }

        foreach (var expectation in ExpectedDiagnostics)
        {
            if (expectation.LocationIndex is not { } index || !numbered.TryGetValue(index, out var location))
            {
                throw new AnalyzerTestException($"Expectation {expectation.Id} refers to location #{expectation.LocationIndex}, which the markup does not define.");
            }

            expected.Add(new ResolvedExpectation(
                expectation.Id,
                location.Path,
                location.Text,
                location.Span,
                expectation.Severity ?? DefaultSeverity(expectation.Id),
                expectation.Message));
        }

        return (project, expected);
    }

    private string DefaultId()
    {
        if (DefaultDiagnosticId is not null)
        {
            return DefaultDiagnosticId;
        }

        var ids = Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().ToList();
        return ids.Count == 1
            ? ids[0]
            : throw new AnalyzerTestException("[|...|] markup needs DefaultDiagnosticId when the analyzers support several ids.");
    }

    private DiagnosticSeverity DefaultSeverity(string id) =>
        Analyzers.SelectMany(a => a.SupportedDiagnostics).FirstOrDefault(d => d.Id == id)?.DefaultSeverity
        ?? throw new AnalyzerTestException($"No analyzer under test supports diagnostic {id}.");
}
