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
/// ARB1011 fix: marks the handler dirty — <c>[Cast]</c> becomes <c>[Cast(Dirty = true)]</c>, and
/// <c>[Call(Name = "X")]</c> becomes <c>[Call(Name = "X", Dirty = true)]</c> — so it runs on the dirty schedulers.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MarkDirtyCodeFix)), Shared]
public sealed class MarkDirtyCodeFix : DocumentFixProvider
{
    /// <summary>The equivalence key of the action.</summary>
    public const string EquivalenceKey = "ARB1011.MarkDirty";

    private static readonly ImmutableHashSet<string> s_handlerAttributes = ImmutableHashSet.Create(
        "Arbor.CallAttribute", "Arbor.CastAttribute", "Arbor.InfoAttribute", "Arbor.ContinueAttribute",
        "Arbor.StateMachines.OnCallAttribute", "Arbor.StateMachines.OnCastAttribute", "Arbor.StateMachines.OnInfoAttribute",
        "Arbor.StateMachines.OnInternalAttribute", "Arbor.StateMachines.OnEnterAttribute", "Arbor.StateMachines.OnStateTimeoutAttribute",
        "Arbor.StateMachines.OnEventTimeoutAttribute", "Arbor.StateMachines.OnTimeoutAttribute");

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UndeclaredDirtyWork);

    /// <inheritdoc />
    protected override async Task<ImmutableArray<FixOffer>> GetOffersAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        return root is not null && model is not null && HandlerAttribute(root, model, diagnostic, cancellationToken) is not null
            ? ImmutableArray.Create(new FixOffer("Mark the handler Dirty = true", EquivalenceKey))
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

        // Several findings in one handler mark it once.
        var attributes = new HashSet<AttributeSyntax>();
        foreach (var diagnostic in diagnostics)
        {
            if (HandlerAttribute(root, model, diagnostic, cancellationToken) is { } attribute)
            {
                attributes.Add(attribute);
            }
        }

        var fixedRoot = root.ReplaceNodes(attributes, (original, _) => WithDirty(original));
        return document.WithSyntaxRoot(fixedRoot);
    }

    /// <summary>The handler attribute (<c>[Call]</c>, <c>[Cast]</c>, ..., or a state machine's <c>[OnCall]</c>, ...) of the handler the diagnostic is in.</summary>
    private static AttributeSyntax? HandlerAttribute(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var method = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<MethodDeclarationSyntax>();
        if (method is null)
        {
            return null;
        }

        foreach (var attribute in method.AttributeLists.SelectMany(list => list.Attributes))
        {
            if (model.GetTypeInfo(attribute, cancellationToken).Type is INamedTypeSymbol type && s_handlerAttributes.Contains(type.ToDisplayString()))
            {
                return attribute;
            }
        }

        return null;
    }

    private static AttributeSyntax WithDirty(AttributeSyntax attribute)
    {
        var dirty = SyntaxFactory.AttributeArgument(
            SyntaxFactory.NameEquals(
                SyntaxFactory.IdentifierName("Dirty"),
                SyntaxFactory.Token(SyntaxKind.EqualsToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space)),
            nameColon: null,
            SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression));
        if (attribute.ArgumentList is not { } arguments)
        {
            return attribute.WithArgumentList(SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(dirty)));
        }

        var separator = SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space);
        var list = arguments.Arguments.Count == 0
            ? SyntaxFactory.SingletonSeparatedList(dirty)
            : SyntaxFactory.SeparatedList(arguments.Arguments.Append(dirty), Enumerable.Repeat(separator, arguments.Arguments.Count));
        return attribute.WithArgumentList(arguments.WithArguments(list));
    }
}
