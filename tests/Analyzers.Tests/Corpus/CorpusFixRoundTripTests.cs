using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Arbor.Analyzers.CodeFixes;
using Arbor.Generators;
using Arbor.RoslynTesting.Analysis;
using Arbor.RoslynTesting.CodeFixes;
using Arbor.RoslynTesting.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace Arbor.Analyzers.Tests.Corpus;

/// <summary>
/// Every code fix applied to every corpus program that has something for it to fix, the way <c>dotnet format analyzers</c>
/// applies it (the first action offered, Fix All in project scope); the fixed program, run through the real generator
/// again, must compile with no error.
/// </summary>
public sealed class CorpusFixRoundTripTests(ITestOutputHelper output)
{
    private static readonly (string Id, Func<DiagnosticAnalyzer> Analyzer, Func<CodeFixProvider> Fixer)[] s_fixes =
    [
        ("ARB1001", () => new CatchAllAnalyzer(), () => new RemoveCatchAllCodeFix()),
        ("ARB1001", () => new CatchAllAnalyzer(), () => new NarrowCatchCodeFix()),
        ("ARB1003", () => new MutableStateReturnAnalyzer(), () => new ReturnCopyCodeFix()),
        ("ARB1009", () => new BlockingCallAnalyzer(), () => new AwaitInsteadCodeFix()),
    ];

    [Fact]
    public async Task Every_fix_keeps_every_corpus_program_compiling()
    {
        var work = CorpusCase.LoadAll()
            .SelectMany(c => s_fixes.Where(f => c.Expected.Any(e => e.Id == f.Id)).Select(f => (Case: c, Fix: f)))
            .ToList();
        var broken = new ConcurrentBag<string>();
        var applied = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);

        await Parallel.ForEachAsync(work, async (item, cancellationToken) =>
        {
            var generated = GeneratorRun.Start(new GenServerGenerator(), SourceCompilation.Create("Corpus", item.Case.Text)).GeneratedSources;
            var sources = new[] { new TestSource("Case.cs", item.Case.Text) }
                .Concat(generated.Select(pair => new TestSource("Gen." + pair.Key.Replace('`', '_') + (pair.Key.EndsWith(".g.cs", StringComparison.Ordinal) ? string.Empty : ".g.cs"), pair.Value)));
            var project = TestProjectFactory.Create(sources);
            var fixer = item.Fix.Fixer();
            var (fixedProject, count) = await CodeFixApplier.FixAllInProjectAsync(
                project, ImmutableArray.Create(item.Fix.Analyzer()), fixer, equivalenceKey: null, cancellationToken);
            if (count == 0)
            {
                return;
            }

            applied.AddOrUpdate(fixer.GetType().Name, count, (_, n) => n + count);
            var fixedText = (await fixedProject.Documents.Single(d => d.Name == "Case.cs").GetTextAsync(cancellationToken)).ToString();
            var rerun = GeneratorRun.Start(new GenServerGenerator(), SourceCompilation.Create("Corpus", fixedText));
            var errors = rerun.Output.GetDiagnostics(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0 || !rerun.GeneratorDiagnostics.IsEmpty)
            {
                broken.Add($"{fixer.GetType().Name} on {item.Case.Name}:{Environment.NewLine}{DiagnosticText.FormatAll(errors.Concat(rerun.GeneratorDiagnostics))}{Environment.NewLine}{fixedText}");
            }
        });

        foreach (var (fixer, count) in applied.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{fixer}: Fix All over {count} diagnostics");
        }

        Assert.True(broken.IsEmpty, string.Join(Environment.NewLine, broken));
        Assert.Equal(s_fixes.Length, applied.Count);
    }
}
