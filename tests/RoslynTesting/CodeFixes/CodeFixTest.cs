using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Arbor.RoslynTesting.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Arbor.RoslynTesting.CodeFixes;

/// <summary>
/// A code fix test: first the analyzer test on <see cref="AnalyzerTest.Sources"/>, then the fix applied by equivalence
/// key to a fixed point (or with Fix All in document scope), then each file compared with <see cref="FixedSources"/>
/// and the result required to compile.
/// </summary>
public sealed class CodeFixTest : AnalyzerTest
{
    /// <summary>Creates a test of <paramref name="fixer"/> over the diagnostics of <paramref name="analyzer"/>.</summary>
    public CodeFixTest(DiagnosticAnalyzer analyzer, CodeFixProvider fixer)
        : base(analyzer)
    {
        Fixer = fixer;
    }

    /// <summary>The fixer under test.</summary>
    public CodeFixProvider Fixer { get; }

    /// <summary>The action to apply; null takes the first one offered.</summary>
    public string? EquivalenceKey { get; set; }

    /// <summary>Expected text of each fixed file, by file name (files not listed must be unchanged).</summary>
    public Dictionary<string, string> FixedSources { get; } = new(StringComparer.Ordinal);

    /// <summary>Use Fix All in document scope instead of fixing one diagnostic at a time.</summary>
    public bool FixAllInDocument { get; set; }

    /// <summary>Use Fix All in project scope, as <c>dotnet format</c> applies a fix (takes precedence over <see cref="FixAllInDocument"/>).</summary>
    public bool FixAllInProject { get; set; }

    /// <summary>Upper bound on one-at-a-time fixes before the test fails for not reaching a fixed point.</summary>
    public int MaxIterations { get; set; } = 20;

    /// <summary>Sets the expected fixed text of <c>Test0.cs</c>.</summary>
    public CodeFixTest WithFixedSource(string text)
    {
        FixedSources[$"Test0.cs"] = text;
        return this;
    }

    /// <summary>Checks the diagnostics, applies the fix and compares the result.</summary>
    public async Task RunFixAsync()
    {
        await RunAsync().ConfigureAwait(false);
        var (project, _) = Prepare();
        var errorsBefore = (await project.GetCompilationAsync().ConfigureAwait(false))!.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
        project = FixAllInProject
            ? (await CodeFixApplier.FixAllInProjectAsync(project, Analyzers, Fixer, EquivalenceKey).ConfigureAwait(false)).Project
            : FixAllInDocument
                ? await CodeFixApplier.FixAllInDocumentsAsync(project, Analyzers, Fixer, EquivalenceKey).ConfigureAwait(false)
                : (await CodeFixApplier.FixIterativelyAsync(project, Analyzers, Fixer, EquivalenceKey, MaxIterations).ConfigureAwait(false)).Project;

        foreach (var document in project.Documents)
        {
            var actual = Normalize((await document.GetTextAsync().ConfigureAwait(false)).ToString());
            var expected = FixedSources.TryGetValue(document.Name, out var fixedText)
                ? Normalize(fixedText)
                : Normalize(Markup.TestMarkup.Parse(Sources.Single(s => s.FileName == document.Name).Text).Source);
            if (actual != expected)
            {
                throw new AnalyzerTestException($"Fixed {document.Name} differs from the expectation.{Environment.NewLine}{TextDiff.Describe(expected, actual)}");
            }
        }

        var compilation = await project.GetCompilationAsync().ConfigureAwait(false);
        var errors = compilation!.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        if (errors.Length > errorsBefore)
        {
            throw new AnalyzerTestException("The fixed code does not compile:" + Environment.NewLine + DiagnosticText.FormatAll(errors));
        }
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
