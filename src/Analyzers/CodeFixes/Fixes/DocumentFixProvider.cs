using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Arbor.Analyzers.CodeFixes;

/// <summary>
/// Base for the Arbor fixes: a fix says which actions it offers for one diagnostic and how to apply one action (by
/// equivalence key) to any number of diagnostics in a document. The same code serves the light bulb and Fix All, so a
/// document's edits are made in one pass and never conflict.
/// </summary>
public abstract class DocumentFixProvider : CodeFixProvider
{
    /// <inheritdoc />
    public sealed override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create(
            async (context, document, diagnostics) => context.CodeActionEquivalenceKey is { } key
                ? await ApplyAsync(document, diagnostics, key, context.CancellationToken).ConfigureAwait(false)
                : document);

    /// <inheritdoc />
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            var offers = await GetOffersAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false);
            foreach (var offer in offers)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        offer.Title,
                        cancellationToken => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), offer.EquivalenceKey, cancellationToken),
                        offer.EquivalenceKey),
                    diagnostic);
            }
        }
    }

    /// <summary>The actions offered for <paramref name="diagnostic"/> (none when the code is not in a fixable shape).</summary>
    protected abstract Task<ImmutableArray<FixOffer>> GetOffersAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken);

    /// <summary>Applies the action <paramref name="equivalenceKey"/> to every diagnostic it fits, in one edit of the document.</summary>
    protected abstract Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string equivalenceKey, CancellationToken cancellationToken);

    /// <summary>The diagnostics sorted last-to-first, so edits made by position do not shift the ones still to come.</summary>
    protected static ImmutableArray<Diagnostic> LastFirst(ImmutableArray<Diagnostic> diagnostics) =>
        diagnostics.OrderByDescending(d => d.Location.SourceSpan.Start).ToImmutableArray();
}

/// <summary>One action a fix can offer: what the light bulb shows and its stable equivalence key.</summary>
public sealed class FixOffer
{
    /// <summary>Creates an offer.</summary>
    public FixOffer(string title, string equivalenceKey)
    {
        Title = title;
        EquivalenceKey = equivalenceKey;
    }

    /// <summary>The text in the light bulb menu.</summary>
    public string Title { get; }

    /// <summary>Identifies the same action across diagnostics (used by Fix All).</summary>
    public string EquivalenceKey { get; }
}
