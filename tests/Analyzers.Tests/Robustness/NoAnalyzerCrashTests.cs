using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Arbor.Analyzers.Tests.Support;
using Arbor.RoslynTesting.Analysis;

namespace Arbor.Analyzers.Tests.Robustness;

/// <summary>Analyzers never throw on incomplete code: every analyzer over broken and half-typed snippets, expecting no AD0001.</summary>
public sealed class NoAnalyzerCrashTests
{
    private const string Header = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Arbor;

        """;

    [Theory]
    [MemberData(nameof(BrokenCodeCorpus.Snippets), MemberType = typeof(BrokenCodeCorpus))]
    public Task Broken_snippet_does_not_crash_any_analyzer(string snippet) => RunAsync(Header + snippet, withGeneratedHalf: true);

    [Theory]
    [MemberData(nameof(BrokenCodeCorpus.Snippets), MemberType = typeof(BrokenCodeCorpus))]
    public Task Broken_snippet_without_generated_half_does_not_crash_any_analyzer(string snippet) => RunAsync(Header + snippet, withGeneratedHalf: false);

    [Theory]
    [MemberData(nameof(Prefixes))]
    public Task Every_prefix_of_a_file_that_triggers_every_rule_is_survived(int length) =>
        RunAsync(BrokenCodeCorpus.EveryRule.Substring(0, length), withGeneratedHalf: true);

    [Fact]
    public async Task The_complete_file_triggers_every_rule()
    {
        var project = TestProjectFactory.Create(new[]
        {
            new TestSource("Test0.cs", BrokenCodeCorpus.EveryRule),
            new TestSource("Generated.g.cs", GeneratedHalf.Counter()),
        });

        var diagnostics = await AnalyzerRunner.GetDiagnosticsAsync(project, AllAnalyzers.Create());

        var expected = AllAnalyzers.Create().SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal);
        Assert.Equal(expected, diagnostics.Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal));
    }

    /// <summary>About 80 cut points spread over the file (deterministic).</summary>
    public static IEnumerable<object[]> Prefixes()
    {
        var length = BrokenCodeCorpus.EveryRule.Length;
        var step = Math.Max(1, length / 80);
        for (var cut = 0; cut < length; cut += step)
        {
            yield return new object[] { cut };
        }
    }

    private static async Task RunAsync(string source, bool withGeneratedHalf)
    {
        var sources = new List<TestSource> { new("Test0.cs", source) };
        if (withGeneratedHalf)
        {
            sources.Add(new TestSource("Generated.g.cs", GeneratedHalf.Counter()));
        }

        // Throws AnalyzerTestException on any AD0001; the diagnostics themselves do not matter here.
        await AnalyzerRunner.GetDiagnosticsAsync(TestProjectFactory.Create(sources), AllAnalyzers.Create(), allowCompilerErrors: true);
    }
}
