using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using Arbor.Analyzers.Tests.Support;
using Arbor.Generators;
using Arbor.RoslynTesting.Analysis;
using Arbor.RoslynTesting.Generators;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace Arbor.Analyzers.Tests.Corpus;

/// <summary>
/// Scores every rule on the corpus of small whole programs (issue 13): each case runs through the real generator, then
/// all analyzers; reported diagnostics are matched to the <c>//~ ARBnnnn</c> marks. The goal is recall ≥ 98 % and
/// precision ≥ 99 % per rule; the table is printed on every run.
/// </summary>
public sealed class CorpusScoringTests(ITestOutputHelper output)
{
    private const double RequiredRecall = 0.98;
    private const double RequiredPrecision = 0.99;

    [Fact]
    public void Corpus_is_large_and_half_negative()
    {
        var cases = CorpusCase.LoadAll();
        Assert.True(cases.Count >= 150, $"the corpus has {cases.Count} cases; at least 150 are wanted");
        Assert.True(cases.Count(c => c.IsNegative) * 2 >= cases.Count, "at least half of the cases must be negatives");
    }

    [Fact]
    public async Task Every_rule_meets_the_recall_and_precision_goal()
    {
        var cases = CorpusCase.LoadAll();
        var analyzers = AllAnalyzers.Create();
        var results = new ConcurrentBag<(CorpusCase Case, (int Line, string Id, string Message)[] Reported)>();
        var broken = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(cases, async (corpusCase, cancellationToken) =>
        {
            var run = GeneratorRun.Start(new GenServerGenerator(), SourceCompilation.Create("Corpus", corpusCase.Text));
            Assert.Empty(run.Exceptions);
            var errors = run.Output.GetDiagnostics(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0 || !run.GeneratorDiagnostics.IsEmpty)
            {
                broken.Add($"{corpusCase.Name} does not compile:{Environment.NewLine}{DiagnosticText.FormatAll(errors.Concat(run.GeneratorDiagnostics))}");
                return;
            }

            var diagnostics = await AnalyzerRunner.GetDiagnosticsAsync(run.Output, analyzers, analyzerOptions: null, cancellationToken: cancellationToken);
            results.Add((corpusCase, diagnostics
                .Where(d => d.Id.StartsWith("ARB1", StringComparison.Ordinal))
                .Select(d => (d.Location.GetLineSpan().StartLinePosition.Line, d.Id, d.GetMessage()))
                .ToArray()));
        });

        Assert.True(broken.IsEmpty, string.Join(Environment.NewLine, broken));
        var score = new CorpusScore();
        foreach (var (corpusCase, reported) in results.OrderBy(r => r.Case.Name, StringComparer.Ordinal))
        {
            score.Add(corpusCase, reported);
        }

        output.WriteLine($"{cases.Count} cases, {cases.Count(c => c.IsNegative)} negatives, {cases.Sum(c => c.Expected.Count)} seeded defects");
        output.WriteLine(score.Describe());
        var failing = score.RulesBelow(RequiredRecall, RequiredPrecision);
        Assert.True(failing.Count == 0, $"rules below {RequiredRecall:P0} recall / {RequiredPrecision:P0} precision: {string.Join(", ", failing)}{Environment.NewLine}{score.Describe()}");
    }
}
