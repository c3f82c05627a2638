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
/// ARB1006 fix: hands the dropped task to the process's task support — <c>_ = SaveAsync(entry);</c> and
/// <c>SaveAsync(entry);</c> become <c>WatchTask(SaveAsync(entry));</c>. The call runs exactly as before (same arguments,
/// evaluated at the same moment, on the same thread); only its failure is no longer lost: it takes the process down
/// for its supervisor, as a linked task does. Offered only where <c>WatchTask</c> is the process's own method: in the
/// instance code of a GenServer or state machine, not inside a lambda or local function (which may run elsewhere).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WatchTaskCodeFix)), Shared]
public sealed class WatchTaskCodeFix : DocumentFixProvider
{
    /// <summary>The equivalence key of the action.</summary>
    public const string EquivalenceKey = "ARB1006.WatchTask";

    private const string WatchTask = "WatchTask";

    private static readonly ImmutableHashSet<string> s_watchableTypes = ImmutableHashSet.Create(
        "System.Threading.Tasks.Task", "System.Threading.Tasks.Task<TResult>",
        "System.Threading.Tasks.ValueTask", "System.Threading.Tasks.ValueTask<TResult>");

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.FireAndForget);

    /// <inheritdoc />
    protected override async Task<ImmutableArray<FixOffer>> GetOffersAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        return root is not null && model is not null && Target(root, model, diagnostic, cancellationToken) is not null
            ? ImmutableArray.Create(new FixOffer("Supervise the task: WatchTask(...)", EquivalenceKey))
            : ImmutableArray<FixOffer>.Empty;
    }

    /// <inheritdoc />
    protected override async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string equivalenceKey, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        var replacements = new Dictionary<ExpressionSyntax, InvocationExpressionSyntax>();
        foreach (var diagnostic in diagnostics)
        {
            if (Target(root, model, diagnostic, cancellationToken) is { } target)
            {
                replacements[target.Replaced] = target.Call;
            }
        }

        var fixedRoot = root.ReplaceNodes(replacements.Keys, (original, _) => Watch(replacements[original]).WithTriviaFrom(original));
        return document.WithSyntaxRoot(fixedRoot);
    }

    /// <summary>
    /// The expression to replace (the call itself, or the whole <c>_ = call</c>) and the call, when the finding is in a
    /// shape the fix handles and <c>WatchTask</c> binds to Arbor's method at that point.
    /// </summary>
    private static (ExpressionSyntax Replaced, InvocationExpressionSyntax Call)? Target(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not { } node
            || node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } call
            || call.Span != diagnostic.Location.SourceSpan)
        {
            return null;
        }

        ExpressionSyntax replaced = call.Parent is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" } } discard && discard.Right == call
            ? discard
            : call;
        if (replaced.Parent is not (ExpressionStatementSyntax or ArrowExpressionClauseSyntax))
        {
            return null;
        }

        // A lambda or local function may run on another thread or after the handler: WatchTask must run in the handler.
        if (call.Ancestors().TakeWhile(a => a is not MemberDeclarationSyntax).Any(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
        {
            return null;
        }

        if (model.GetTypeInfo(call, cancellationToken).Type is not INamedTypeSymbol type
            || !s_watchableTypes.Contains(type.OriginalDefinition.ToDisplayString()))
        {
            return null;
        }

        return BindsToArbor(model, call.SpanStart) ? (replaced, call) : null;
    }

    /// <summary>True when <c>WatchTask</c> at <paramref name="position"/> is Arbor's (an instance context of a process type, not shadowed).</summary>
    private static bool BindsToArbor(SemanticModel model, int position)
    {
        var candidates = model.LookupSymbols(position, name: WatchTask);
        return candidates.Length > 0
            && candidates.All(symbol => symbol is IMethodSymbol { IsStatic: false } method && IsProcessBehavior(method.ContainingType))
            && model.GetEnclosingSymbol(position) is { IsStatic: false, ContainingType: { } type }
            && DerivesFromProcessBehavior(type);
    }

    private static bool DerivesFromProcessBehavior(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (IsProcessBehavior(current))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsProcessBehavior(INamedTypeSymbol type) =>
        type is { Name: "ProcessBehavior", ContainingNamespace: { Name: "Arbor", ContainingNamespace.IsGlobalNamespace: true } };

    /// <summary><c>WatchTask(call)</c>, parsed rather than built so that it carries no elastic trivia for a formatter to act on.</summary>
    private static ExpressionSyntax Watch(InvocationExpressionSyntax call) =>
        SyntaxFactory.ParseExpression(WatchTask + "(" + call.WithoutTrivia().ToFullString() + ")");
}
