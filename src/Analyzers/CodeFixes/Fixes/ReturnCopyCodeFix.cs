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
/// ARB1003 fix: reply with a copy of the state instead of the state itself — <c>new List&lt;T&gt;(_items)</c> for the
/// collections with a copy constructor (keeping a dictionary's or set's comparer), <c>(T[])_items.Clone()</c> for arrays.
/// A live view of the state (<c>AsReadOnly()</c>, a dictionary's <c>Values</c>, deferred LINQ) becomes a collection
/// expression that copies it, <c>[.. _items.Where(i =&gt; i.Open)]</c>, when the reply type is one a collection expression
/// can build (an array, <c>List&lt;T&gt;</c>, or the read-only and mutable list and sequence interfaces).
/// Not offered for other mutable types: only their author knows how to copy them.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReturnCopyCodeFix)), Shared]
public sealed class ReturnCopyCodeFix : DocumentFixProvider
{
    /// <summary>The equivalence key of the action.</summary>
    public const string EquivalenceKey = "ARB1003.ReturnCopy";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MutableStateReturned);

    /// <inheritdoc />
    protected override async Task<ImmutableArray<FixOffer>> GetOffersAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var (expression, model) = await FindAsync(document, diagnostic, cancellationToken).ConfigureAwait(false);
        return expression is not null && model is not null && Copy(expression, model, cancellationToken) is not null
            ? ImmutableArray.Create(new FixOffer("Reply with a copy", EquivalenceKey))
            : ImmutableArray<FixOffer>.Empty;
    }

    /// <inheritdoc />
    protected override async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string equivalenceKey, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in diagnostics)
        {
            var (expression, model) = await FindAsync(document, diagnostic, cancellationToken).ConfigureAwait(false);
            if (expression is not null && model is not null && Copy(expression, model, cancellationToken) is { } copy)
            {
                editor.ReplaceNode(expression, copy.WithTriviaFrom(expression));
            }
        }

        return editor.GetChangedDocument();
    }

    private static async Task<(ExpressionSyntax? Expression, SemanticModel? Model)> FindAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var node = root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        return (node as ExpressionSyntax, model);
    }

    private static ExpressionSyntax? Copy(ExpressionSyntax state, SemanticModel model, CancellationToken cancellationToken) =>
        CopyOfCollection(state, model, cancellationToken) ?? CopyOfView(state, model, cancellationToken);

    /// <summary>The collection types a collection expression builds as a fresh copy when the reply is typed as one of them.</summary>
    private static readonly ImmutableHashSet<string> s_collectionExpressionTargets = ImmutableHashSet.Create(
        "System.Collections.Generic.List<T>",
        "System.Collections.Generic.IEnumerable<T>",
        "System.Collections.Generic.IReadOnlyCollection<T>",
        "System.Collections.Generic.IReadOnlyList<T>",
        "System.Collections.Generic.ICollection<T>",
        "System.Collections.Generic.IList<T>");

    /// <summary><c>[.. view]</c> when the view is a sequence and the reply type is one a collection expression builds.</summary>
    private static ExpressionSyntax? CopyOfView(ExpressionSyntax view, SemanticModel model, CancellationToken cancellationToken)
    {
        if (view.SyntaxTree.Options is not CSharpParseOptions { LanguageVersion: >= LanguageVersion.CSharp12 })
        {
            return null;
        }

        var info = model.GetTypeInfo(view, cancellationToken);
        var target = info.ConvertedType;
        var buildable = target switch
        {
            IArrayTypeSymbol { Rank: 1 } => true,
            INamedTypeSymbol { IsGenericType: true } named => s_collectionExpressionTargets.Contains(named.OriginalDefinition.ToDisplayString()),
            _ => false,
        };

        if (!buildable || info.Type is null || !IsSequence(info.Type))
        {
            return null;
        }

        return SyntaxFactory.ParseExpression("[.. " + view.WithoutTrivia().ToString() + "]");
    }

    private static bool IsSequence(ITypeSymbol type) =>
        type is IArrayTypeSymbol
        || type.AllInterfaces.Any(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
        || type.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T;

    private static ExpressionSyntax? CopyOfCollection(ExpressionSyntax state, SemanticModel model, CancellationToken cancellationToken)
    {
        var type = model.GetTypeInfo(state, cancellationToken).Type;
        var source = state.WithoutTrivia().ToString();
        var position = state.SpanStart;
        switch (type)
        {
            case IArrayTypeSymbol array:
                return SyntaxFactory.ParseExpression($"({array.ToMinimalDisplayString(model, position)}){source}.Clone()");
            case INamedTypeSymbol { IsGenericType: true } named:
                var display = named.ToMinimalDisplayString(model, position);
                return named.OriginalDefinition.ToDisplayString() switch
                {
                    "System.Collections.Generic.Dictionary<TKey, TValue>"
                        or "System.Collections.Generic.HashSet<T>"
                        or "System.Collections.Generic.SortedSet<T>" => SyntaxFactory.ParseExpression($"new {display}({source}, {source}.Comparer)"),
                    "System.Collections.Generic.List<T>"
                        or "System.Collections.Generic.Queue<T>"
                        or "System.Collections.Generic.LinkedList<T>"
                        or "System.Collections.Generic.SortedDictionary<TKey, TValue>"
                        or "System.Collections.Generic.SortedList<TKey, TValue>" => SyntaxFactory.ParseExpression($"new {display}({source})"),
                    _ => null, // Stack<T>'s copy constructor reverses the order; other types have no general copy
                };
            default:
                return null;
        }
    }
}
