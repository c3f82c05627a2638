using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Arbor.Analyzers.CodeFixes;

/// <summary>
/// ARB1001 fix: narrow the catch-all to one exception the try block is known to throw (<see cref="ThrownExceptions"/>:
/// its own <c>throw new X(...)</c> and the <c>&lt;exception&gt;</c> docs of what it calls — <c>int.Parse</c> gives
/// <c>FormatException</c> and <c>OverflowException</c>). Nothing is offered when nothing is known: guessing a type the
/// block never throws would compile and catch nothing. Types an earlier clause already catches are not offered. A
/// <c>when</c> filter is kept when it still compiles against the narrower type, and dropped when it would not
/// (<c>e is not OperationCanceledException</c> on a <c>FormatException</c> is error CS8121); each narrowed clause is
/// checked by binding the changed document, so the fix never produces code with new errors.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NarrowCatchCodeFix)), Shared]
public sealed class NarrowCatchCodeFix : DocumentFixProvider
{
    /// <summary>Equivalence keys are this prefix plus the exception's full name.</summary>
    public const string EquivalenceKeyPrefix = "ARB1001.NarrowCatch:";

    private const int MaxOffers = 3;

    private static readonly SyntaxAnnotation s_narrowed = new("Arbor.NarrowedTry");

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.DefensiveCatchAll);

    /// <inheritdoc />
    protected override async Task<ImmutableArray<FixOffer>> GetOffersAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || CatchSyntax.Find(root, diagnostic) is not { Parent: TryStatementSyntax tryStatement } catchClause)
        {
            return ImmutableArray<FixOffer>.Empty;
        }

        var offers = ImmutableArray.CreateBuilder<FixOffer>();
        foreach (var type in Candidates(model, tryStatement, catchClause, cancellationToken))
        {
            if (offers.Count < MaxOffers
                && await NarrowedAsync(document, root, model, catchClause, type, cancellationToken).ConfigureAwait(false) is not null)
            {
                offers.Add(new FixOffer($"Catch only {type.Name}", EquivalenceKeyPrefix + type.ToDisplayString()));
            }
        }

        return offers.ToImmutable();
    }

    /// <inheritdoc />
    protected override async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string equivalenceKey, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var typeName = equivalenceKey.Substring(EquivalenceKeyPrefix.Length);
        if (root is null || model?.Compilation.GetTypeByMetadataName(typeName) is not { } exceptionType)
        {
            return document;
        }

        // Each clause is checked on its own against the original document, then all are replaced in one pass.
        var replacements = new Dictionary<CatchClauseSyntax, CatchClauseSyntax>();
        foreach (var diagnostic in diagnostics)
        {
            if (CatchSyntax.Find(root, diagnostic) is { Parent: TryStatementSyntax tryStatement } catchClause
                && !replacements.ContainsKey(catchClause)
                && Candidates(model, tryStatement, catchClause, cancellationToken).Contains(exceptionType, SymbolEqualityComparer.Default)
                && await NarrowedAsync(document, root, model, catchClause, exceptionType, cancellationToken).ConfigureAwait(false) is { } narrowed)
            {
                replacements[catchClause] = narrowed;
            }
        }

        return document.WithSyntaxRoot(root.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]));
    }

    /// <summary>The narrowed clause (filter kept if it still compiles, else dropped), or null if neither compiles cleanly.</summary>
    private static async Task<CatchClauseSyntax?> NarrowedAsync(
        Document document, SyntaxNode root, SemanticModel model, CatchClauseSyntax catchClause, INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var typeSyntax = SyntaxFactory.ParseTypeName(type.ToMinimalDisplayString(model, catchClause.SpanStart));
        var narrowed = Narrow(catchClause, typeSyntax);
        if (await CompilesAsync(document, root, catchClause, narrowed, cancellationToken).ConfigureAwait(false))
        {
            return narrowed;
        }

        if (narrowed.Filter is not null)
        {
            var unfiltered = narrowed.WithFilter(null).WithDeclaration(narrowed.Declaration!.WithTrailingTrivia(narrowed.Filter.GetTrailingTrivia()));
            if (await CompilesAsync(document, root, catchClause, unfiltered, cancellationToken).ConfigureAwait(false))
            {
                return unfiltered;
            }
        }

        return null;
    }

    /// <summary>
    /// Binds the document with the clause replaced: the try statement may not get more errors than it had (a filter that
    /// no longer fits, or a later clause the narrowed one now shadows).
    /// </summary>
    private static async Task<bool> CompilesAsync(Document document, SyntaxNode root, CatchClauseSyntax original, CatchClauseSyntax replacement, CancellationToken cancellationToken)
    {
        var originalModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var tryStatement = (TryStatementSyntax)original.Parent!;
        var errorsBefore = originalModel?.GetDiagnostics(tryStatement.Span, cancellationToken).Count(d => d.Severity == DiagnosticSeverity.Error) ?? 0;

        var changedRoot = root.ReplaceNode(tryStatement, tryStatement.ReplaceNode(original, replacement).WithAdditionalAnnotations(s_narrowed));
        var changed = document.WithSyntaxRoot(changedRoot);
        var changedModel = await changed.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var newRoot = await changed.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (changedModel is null || newRoot?.GetAnnotatedNodes(s_narrowed).FirstOrDefault() is not { } changedTry)
        {
            return false;
        }

        return changedModel.GetDiagnostics(changedTry.Span, cancellationToken).Count(d => d.Severity == DiagnosticSeverity.Error) <= errorsBefore;
    }

    private static CatchClauseSyntax Narrow(CatchClauseSyntax catchClause, TypeSyntax type)
    {
        if (catchClause.Declaration is { } declaration)
        {
            return catchClause.WithDeclaration(declaration.WithType(type.WithTriviaFrom(declaration.Type)));
        }

        // `catch {` becomes `catch (T) {`
        var keyword = catchClause.CatchKeyword;
        return catchClause
            .WithCatchKeyword(keyword.WithTrailingTrivia(SyntaxFactory.Space))
            .WithDeclaration(SyntaxFactory.CatchDeclaration(
                SyntaxFactory.Token(SyntaxTriviaList.Empty, SyntaxKind.OpenParenToken, SyntaxTriviaList.Empty),
                type,
                default,
                SyntaxFactory.Token(SyntaxTriviaList.Empty, SyntaxKind.CloseParenToken, keyword.TrailingTrivia)));
    }

    /// <summary>What the try block is known to throw, minus what an earlier clause of the same try already catches.</summary>
    private static IEnumerable<INamedTypeSymbol> Candidates(SemanticModel model, TryStatementSyntax tryStatement, CatchClauseSyntax catchClause, CancellationToken cancellationToken)
    {
        var earlier = tryStatement.Catches
            .TakeWhile(c => c != catchClause)
            .Select(c => c.Declaration is { } d ? model.GetTypeInfo(d.Type, cancellationToken).Type : null)
            .OfType<INamedTypeSymbol>()
            .ToList();

        return ThrownExceptions.Of(model, tryStatement.Block, cancellationToken)
            .Where(type => !earlier.Any(caught => ThrownExceptions.DerivesFrom(type, caught)));
    }
}
