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
using Microsoft.CodeAnalysis.Editing;

namespace Arbor.Analyzers.CodeFixes;

/// <summary>
/// ARB1001 fix: narrow the catch-all to one specific exception. It offers the exception types the try body itself throws
/// (<c>throw new X(...)</c>); when there are none, <see cref="System.InvalidOperationException"/> as a starting point
/// to edit. Types an earlier clause of the same try already catches are not offered (that would not compile).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NarrowCatchCodeFix)), Shared]
public sealed class NarrowCatchCodeFix : DocumentFixProvider
{
    /// <summary>Equivalence keys are this prefix plus the exception's full name.</summary>
    public const string EquivalenceKeyPrefix = "ARB1001.NarrowCatch:";

    private const string Fallback = "System.InvalidOperationException";
    private const int MaxOffers = 3;

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.DefensiveCatchAll);

    /// <inheritdoc />
    protected override async Task<ImmutableArray<FixOffer>> GetOffersAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model is null || CatchSyntax.Find(root, diagnostic) is not { Parent: TryStatementSyntax tryStatement } catchClause)
        {
            return ImmutableArray<FixOffer>.Empty;
        }

        return Candidates(model, tryStatement, catchClause, cancellationToken)
            .Select(type => new FixOffer($"Catch only {type.Name}", EquivalenceKeyPrefix + type.ToDisplayString()))
            .ToImmutableArray();
    }

    /// <inheritdoc />
    protected override async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string equivalenceKey, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var typeName = equivalenceKey.Substring(EquivalenceKeyPrefix.Length);
        if (model?.Compilation.GetTypeByMetadataName(typeName) is not { } exceptionType)
        {
            return document;
        }

        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in diagnostics)
        {
            if (CatchSyntax.Find(root, diagnostic) is { Parent: TryStatementSyntax tryStatement } catchClause
                && Candidates(model, tryStatement, catchClause, cancellationToken).Contains(exceptionType, SymbolEqualityComparer.Default))
            {
                var typeSyntax = SyntaxFactory.ParseTypeName(exceptionType.ToMinimalDisplayString(model, catchClause.SpanStart));
                editor.ReplaceNode(catchClause, Narrow(catchClause, typeSyntax));
            }
        }

        return editor.GetChangedDocument();
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
            .WithDeclaration(SyntaxFactory.CatchDeclaration(type).WithTrailingTrivia(keyword.TrailingTrivia));
    }

    private static IEnumerable<INamedTypeSymbol> Candidates(SemanticModel model, TryStatementSyntax tryStatement, CatchClauseSyntax catchClause, CancellationToken cancellationToken)
    {
        var exception = model.Compilation.GetTypeByMetadataName("System.Exception");
        var earlier = tryStatement.Catches
            .TakeWhile(c => c != catchClause)
            .Select(c => c.Declaration is { } d ? model.GetTypeInfo(d.Type, cancellationToken).Type : null)
            .OfType<INamedTypeSymbol>()
            .ToList();

        var thrown = tryStatement.Block.DescendantNodes(node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            .Select(node => node switch
            {
                ThrowStatementSyntax { Expression: ObjectCreationExpressionSyntax creation } => creation,
                ThrowExpressionSyntax { Expression: ObjectCreationExpressionSyntax creation } => creation,
                _ => null,
            })
            .OfType<ObjectCreationExpressionSyntax>()
            .Select(creation => model.GetTypeInfo(creation, cancellationToken).Type)
            .OfType<INamedTypeSymbol>()
            .Where(type => !SymbolEqualityComparer.Default.Equals(type, exception) && DerivesFrom(type, exception))
            .Distinct<INamedTypeSymbol>(SymbolEqualityComparer.Default)
            .ToList();

        if (thrown.Count == 0 && model.Compilation.GetTypeByMetadataName(Fallback) is { } fallback)
        {
            thrown.Add(fallback);
        }

        return thrown.Where(type => !earlier.Any(caught => DerivesFrom(type, caught))).Take(MaxOffers);
    }

    private static bool DerivesFrom(ITypeSymbol type, ITypeSymbol? baseType)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseType))
            {
                return true;
            }
        }

        return false;
    }
}
