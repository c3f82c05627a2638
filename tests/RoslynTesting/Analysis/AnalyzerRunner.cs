using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Arbor.RoslynTesting.Analysis;

/// <summary>
/// Runs analyzers over a project the way the compiler does (same options, .editorconfig severities applied) and
/// fails loudly on what a test must never see: an analyzer exception (AD0001) or, unless allowed, a compiler error in
/// the test code itself.
/// </summary>
public static class AnalyzerRunner
{
    /// <summary>The analyzer diagnostics of <paramref name="project"/>, sorted by file, position and id.</summary>
    /// <exception cref="AnalyzerTestException">An analyzer threw, or the code does not compile and errors are not allowed.</exception>
    public static async Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(
        Project project,
        ImmutableArray<DiagnosticAnalyzer> analyzers,
        bool allowCompilerErrors = false,
        CancellationToken cancellationToken = default)
    {
        var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The test project has no compilation.");
        return await GetDiagnosticsAsync(compilation, analyzers, project.AnalyzerOptions, allowCompilerErrors, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The analyzer diagnostics of <paramref name="compilation"/> (for example a generator's output), sorted by file, position and id.</summary>
    /// <exception cref="AnalyzerTestException">An analyzer threw, or the code does not compile and errors are not allowed.</exception>
    public static async Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(
        Compilation compilation,
        ImmutableArray<DiagnosticAnalyzer> analyzers,
        AnalyzerOptions? analyzerOptions,
        bool allowCompilerErrors = false,
        CancellationToken cancellationToken = default)
    {
        if (!allowCompilerErrors)
        {
            var errors = compilation.GetDiagnostics(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
            if (errors.Length > 0)
            {
                throw new AnalyzerTestException("The test code does not compile:" + Environment.NewLine + DiagnosticText.FormatAll(errors));
            }
        }

        var failures = new ConcurrentQueue<string>();
        var options = new CompilationWithAnalyzersOptions(
            analyzerOptions ?? new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, analyzer, _) => failures.Enqueue($"{analyzer.GetType().Name} threw: {exception}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var withAnalyzers = compilation.WithAnalyzers(analyzers, options);
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);

        foreach (var failure in diagnostics.Where(d => d.Id is "AD0001" or "AD0002"))
        {
            failures.Enqueue(failure.ToString());
        }

        if (!failures.IsEmpty)
        {
            var message = new StringBuilder("An analyzer failed (AD0001):").AppendLine();
            foreach (var failure in failures)
            {
                message.AppendLine(failure);
            }

            throw new AnalyzerTestException(message.ToString());
        }

        return diagnostics
            .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Location.SourceSpan.End)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableArray();
    }
}
