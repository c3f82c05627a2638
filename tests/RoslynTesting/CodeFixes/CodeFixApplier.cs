using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Arbor.RoslynTesting.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Arbor.RoslynTesting.CodeFixes;

/// <summary>
/// Applies a code fix the way a user would: one diagnostic at a time, choosing the action by equivalence key, re-running
/// the analyzers after each change until nothing fixable is left (a fixed point); or in one go with Fix All.
/// </summary>
public static class CodeFixApplier
{
    /// <summary>
    /// Fixes diagnostics one by one (first in source order each round) until the fixer offers no action with
    /// <paramref name="equivalenceKey"/> (null: the first action offered) or <paramref name="maxIterations"/> is reached.
    /// </summary>
    /// <returns>The fixed project and the number of fixes applied.</returns>
    public static async Task<(Project Project, int Applied)> FixIterativelyAsync(
        Project project,
        ImmutableArray<DiagnosticAnalyzer> analyzers,
        CodeFixProvider fixer,
        string? equivalenceKey,
        int maxIterations,
        CancellationToken cancellationToken = default)
    {
        var applied = 0;
        for (; applied < maxIterations; applied++)
        {
            var diagnostics = await FixableDiagnosticsAsync(project, analyzers, fixer, cancellationToken).ConfigureAwait(false);
            CodeAction? chosen = null;
            foreach (var diagnostic in diagnostics)
            {
                var document = project.GetDocument(diagnostic.Location.SourceTree)!;
                chosen = await FindActionAsync(document, diagnostic, fixer, equivalenceKey, cancellationToken).ConfigureAwait(false);
                if (chosen is not null)
                {
                    break;
                }
            }

            if (chosen is null)
            {
                return (project, applied);
            }

            project = await ApplyAsync(project, chosen, cancellationToken).ConfigureAwait(false);
        }

        var left = await FixableDiagnosticsAsync(project, analyzers, fixer, cancellationToken).ConfigureAwait(false);
        throw new AnalyzerTestException($"The fix did not reach a fixed point after {maxIterations} iterations; still fixable:{Environment.NewLine}{DiagnosticText.FormatAll(left)}");
    }

    /// <summary>Runs the fixer's Fix All provider once per document (document scope), for actions with <paramref name="equivalenceKey"/>.</summary>
    public static async Task<Project> FixAllInDocumentsAsync(
        Project project,
        ImmutableArray<DiagnosticAnalyzer> analyzers,
        CodeFixProvider fixer,
        string? equivalenceKey,
        CancellationToken cancellationToken = default)
    {
        var fixAll = fixer.GetFixAllProvider()
            ?? throw new AnalyzerTestException($"{fixer.GetType().Name} has no Fix All provider.");
        var diagnostics = await FixableDiagnosticsAsync(project, analyzers, fixer, cancellationToken).ConfigureAwait(false);
        foreach (var documentId in diagnostics.Select(d => project.GetDocument(d.Location.SourceTree)!.Id).Distinct().ToList())
        {
            var document = project.GetDocument(documentId)!;
            var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
            var inDocument = (await FixableDiagnosticsAsync(project, analyzers, fixer, cancellationToken).ConfigureAwait(false))
                .Where(d => d.Location.SourceTree == tree)
                .ToList();
            if (inDocument.Count == 0)
            {
                continue;
            }

            // Fix All takes its equivalence key from one fix the user picked; do the same.
            var picked = await FindActionAsync(document, inDocument[0], fixer, equivalenceKey, cancellationToken).ConfigureAwait(false)
                ?? throw new AnalyzerTestException($"No action with equivalence key '{equivalenceKey}' for {DiagnosticText.Format(inDocument[0])}");
            var context = new FixAllContext(
                document,
                fixer,
                FixAllScope.Document,
                picked.EquivalenceKey,
                fixer.FixableDiagnosticIds,
                new FixedDiagnosticProvider(inDocument),
                cancellationToken);
            var action = await fixAll.GetFixAsync(context).ConfigureAwait(false);
            if (action is not null)
            {
                project = await ApplyAsync(project, action, cancellationToken).ConfigureAwait(false);
            }
        }

        return project;
    }

    /// <summary>
    /// Fixes the whole project in one go the way <c>dotnet format analyzers --diagnostics ...</c> does: the action is
    /// the one with <paramref name="equivalenceKey"/> (null: the first action offered for the first diagnostic, as
    /// dotnet format picks it), applied by the fixer's Fix All provider in project scope.
    /// </summary>
    /// <returns>The fixed project and the number of diagnostics handed to Fix All (0 when nothing was fixable).</returns>
    public static async Task<(Project Project, int Fixed)> FixAllInProjectAsync(
        Project project,
        ImmutableArray<DiagnosticAnalyzer> analyzers,
        CodeFixProvider fixer,
        string? equivalenceKey,
        CancellationToken cancellationToken = default)
    {
        var fixAll = fixer.GetFixAllProvider()
            ?? throw new AnalyzerTestException($"{fixer.GetType().Name} has no Fix All provider.");
        var diagnostics = await FixableDiagnosticsAsync(project, analyzers, fixer, cancellationToken).ConfigureAwait(false);
        CodeAction? picked = null;
        foreach (var diagnostic in diagnostics)
        {
            picked = await FindActionAsync(project.GetDocument(diagnostic.Location.SourceTree)!, diagnostic, fixer, equivalenceKey, cancellationToken).ConfigureAwait(false);
            if (picked is not null)
            {
                break;
            }
        }

        if (picked?.EquivalenceKey is null)
        {
            return (project, 0);
        }

        var context = new FixAllContext(
            project,
            fixer,
            FixAllScope.Project,
            picked.EquivalenceKey,
            fixer.FixableDiagnosticIds,
            new FixedDiagnosticProvider(diagnostics),
            cancellationToken);
        var action = await fixAll.GetFixAsync(context).ConfigureAwait(false);
        return action is null ? (project, 0) : (await ApplyAsync(project, action, cancellationToken).ConfigureAwait(false), diagnostics.Length);
    }

    private static async Task<ImmutableArray<Diagnostic>> FixableDiagnosticsAsync(
        Project project, ImmutableArray<DiagnosticAnalyzer> analyzers, CodeFixProvider fixer, CancellationToken cancellationToken)
    {
        var diagnostics = await AnalyzerRunner.GetDiagnosticsAsync(project, analyzers, allowCompilerErrors: true, cancellationToken).ConfigureAwait(false);
        return diagnostics.Where(d => fixer.FixableDiagnosticIds.Contains(d.Id) && d.Location.IsInSource).ToImmutableArray();
    }

    private static async Task<CodeAction?> FindActionAsync(
        Document document, Diagnostic diagnostic, CodeFixProvider fixer, string? equivalenceKey, CancellationToken cancellationToken)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken);
        await fixer.RegisterCodeFixesAsync(context).ConfigureAwait(false);
        return actions.FirstOrDefault(a => equivalenceKey is null || a.EquivalenceKey == equivalenceKey);
    }

    private static async Task<Project> ApplyAsync(Project project, CodeAction action, CancellationToken cancellationToken)
    {
        var operations = await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
        var apply = operations.OfType<ApplyChangesOperation>().SingleOrDefault()
            ?? throw new AnalyzerTestException($"Code action '{action.Title}' produced no solution change.");
        return apply.ChangedSolution.GetProject(project.Id)!;
    }

    /// <summary>Hands Fix All the diagnostics the test already computed.</summary>
    private sealed class FixedDiagnosticProvider : FixAllContext.DiagnosticProvider
    {
        private readonly IReadOnlyList<Diagnostic> _diagnostics;

        public FixedDiagnosticProvider(IReadOnlyList<Diagnostic> diagnostics) => _diagnostics = diagnostics;

        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
            return _diagnostics.Where(d => d.Location.SourceTree == tree);
        }

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(Enumerable.Empty<Diagnostic>());

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);
    }
}
