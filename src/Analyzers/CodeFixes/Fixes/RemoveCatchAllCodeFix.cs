using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace Arbor.Analyzers.CodeFixes;

/// <summary>
/// ARB1001 fix: remove the catch-all and let the process crash. The try body stays: when the catch-all was the only
/// clause the statements are unwrapped into the enclosing block; otherwise (other catches, a finally) just the clause goes.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveCatchAllCodeFix)), Shared]
public sealed class RemoveCatchAllCodeFix : DocumentFixProvider
{
    /// <summary>The equivalence key of the action.</summary>
    public const string EquivalenceKey = "ARB1001.RemoveCatch";

    private static readonly SyntaxAnnotation s_unwrap = new("Arbor.UnwrapTry");

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.DefensiveCatchAll);

    /// <inheritdoc />
    protected override async Task<ImmutableArray<FixOffer>> GetOffersAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return CatchSyntax.Find(root, diagnostic) is { Parent: TryStatementSyntax }
            ? ImmutableArray.Create(new FixOffer("Remove the catch-all and let the process crash", EquivalenceKey))
            : ImmutableArray<FixOffer>.Empty;
    }

    /// <inheritdoc />
    protected override async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string equivalenceKey, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in diagnostics)
        {
            if (CatchSyntax.Find(root, diagnostic) is { Parent: TryStatementSyntax tryStatement } catchClause)
            {
                // Callbacks see the current node, so several catch-alls of one try (or nested tries) compose.
                editor.ReplaceNode(tryStatement, (current, _) => RemoveClause((TryStatementSyntax)current, catchClause));
            }
        }

        return document.WithSyntaxRoot(Unwrap(editor.GetChangedRoot()));
    }

    private static SyntaxNode RemoveClause(TryStatementSyntax tryStatement, CatchClauseSyntax original)
    {
        var clause = tryStatement.Catches.FirstOrDefault(c => c.IsEquivalentTo(original) && c.SpanStart == original.SpanStart)
            ?? tryStatement.Catches.FirstOrDefault(c => c.IsEquivalentTo(original));
        if (clause is null)
        {
            return tryStatement;
        }

        var remaining = tryStatement.Catches.Remove(clause);
        if (remaining.Count > 0 || tryStatement.Finally is not null)
        {
            return tryStatement.WithCatches(remaining);
        }

        // Only clause: mark the try for unwrapping once every edit is in (its parent may still be edited).
        return tryStatement.WithCatches(remaining).WithAdditionalAnnotations(s_unwrap);
    }

    /// <summary>Replaces each marked try (now without catches) by its body's statements.</summary>
    private static SyntaxNode Unwrap(SyntaxNode root)
    {
        while (root.GetAnnotatedNodes(s_unwrap).OfType<TryStatementSyntax>().FirstOrDefault() is { } marked)
        {
            var statements = marked.Block.Statements;
            if (marked.Parent is BlockSyntax or SwitchSectionSyntax && statements.Count > 0)
            {
                var first = statements[0].WithLeadingTrivia(marked.GetLeadingTrivia().AddRange(statements[0].GetLeadingTrivia().Where(t => !t.IsKind(SyntaxKind.WhitespaceTrivia) && !t.IsKind(SyntaxKind.EndOfLineTrivia))));
                var replacement = statements.Replace(statements[0], first).Select(s => s.WithAdditionalAnnotations(Formatter.Annotation));
                root = root.ReplaceNode(marked, replacement);
            }
            else if (marked.Parent is BlockSyntax or SwitchSectionSyntax)
            {
                root = root.RemoveNode(marked, SyntaxRemoveOptions.KeepExteriorTrivia)!;
            }
            else
            {
                root = root.ReplaceNode(marked, marked.Block.WithTriviaFrom(marked).WithAdditionalAnnotations(Formatter.Annotation));
            }
        }

        return root;
    }
}
