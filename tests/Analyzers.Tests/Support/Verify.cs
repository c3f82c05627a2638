using System.Threading.Tasks;
using Arbor.RoslynTesting.Analysis;
using Arbor.RoslynTesting.CodeFixes;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Arbor.Analyzers.Tests.Support;

/// <summary>Test entry points: a snippet (Test0.cs) plus the generated half of its GenServer (Counter.g.cs by default).</summary>
internal static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>Requires exactly the diagnostics marked in <paramref name="markup"/> (and <paramref name="expected"/>).</summary>
    public static Task AnalyzerAsync(string markup, params ExpectedDiagnostic[] expected) =>
        Test(markup, GeneratedHalf.Counter(), expected).RunAsync();

    /// <summary>Same, with a custom generated half.</summary>
    public static Task AnalyzerWithGeneratedAsync(string markup, string generated, params ExpectedDiagnostic[] expected) =>
        Test(markup, generated, expected).RunAsync();

    /// <summary>A configurable test (extra files, .editorconfig, ...).</summary>
    public static AnalyzerTest Test(string markup, string generated, params ExpectedDiagnostic[] expected)
    {
        var test = new AnalyzerTest(new TAnalyzer()).WithSource(markup);
        test.Sources.Add(new TestSource("Generated.g.cs", generated));
        test.ExpectedDiagnostics.AddRange(expected);
        return test;
    }

    /// <summary>Checks the diagnostics in <paramref name="markup"/>, applies the fix with <paramref name="equivalenceKey"/> to a fixed point and compares with <paramref name="fixedSource"/>.</summary>
    public static Task CodeFixAsync<TFix>(string markup, string fixedSource, string? equivalenceKey, bool fixAll = false)
        where TFix : CodeFixProvider, new()
    {
        var test = new CodeFixTest(new TAnalyzer(), new TFix())
        {
            EquivalenceKey = equivalenceKey,
            FixAllInDocument = fixAll,
        };
        test.WithSource(markup);
        test.Sources.Add(new TestSource("Generated.g.cs", GeneratedHalf.Counter()));
        test.WithFixedSource(fixedSource);
        return test.RunFixAsync();
    }

    /// <summary>
    /// The <c>dotnet format</c> path: the fixer's Fix All provider in project scope over several files
    /// (<c>Test0.cs</c>, <c>Test1.cs</c>...), with the action <paramref name="equivalenceKey"/> (null: the first one
    /// offered, as dotnet format picks it); each file must match its fixed text and the project must compile with no new error.
    /// </summary>
    public static Task ProjectFixAsync<TFix>(string[] markups, string[] fixedSources, string? equivalenceKey)
        where TFix : CodeFixProvider, new()
    {
        var test = new CodeFixTest(new TAnalyzer(), new TFix())
        {
            EquivalenceKey = equivalenceKey,
            FixAllInProject = true,
        };
        foreach (var markup in markups)
        {
            test.WithSource(markup);
        }

        test.Sources.Add(new TestSource("Generated.g.cs", GeneratedHalf.Counter()));
        for (var i = 0; i < fixedSources.Length; i++)
        {
            test.FixedSources[$"Test{i}.cs"] = fixedSources[i];
        }

        return test.RunFixAsync();
    }
}
