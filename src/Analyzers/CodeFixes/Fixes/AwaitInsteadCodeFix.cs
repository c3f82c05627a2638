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
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Formatting;

namespace Arbor.Analyzers.CodeFixes;

/// <summary>
/// ARB1009 fix: await instead of blocking — <c>t.Result</c>, <c>t.Wait()</c> and <c>t.GetAwaiter().GetResult()</c>
/// become <c>await t</c>. Offered where the method can await: it is already async, or it is a handler returning
/// <c>void</c> or a plain value, which becomes <c>async ValueTask</c> / <c>async ValueTask&lt;T&gt;</c> (the generated
/// client is the same either way). Not offered inside lambdas, local functions, queries or <c>lock</c> blocks, in
/// constructors, or in non-handler helpers (changing their signature would break their callers). A handler that other
/// code calls directly (<c>Total() * 2</c> from another handler or helper) is not made async either: those callers
/// would get a <c>ValueTask</c> instead of a value and stop compiling, so the fix refuses rather than break them.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AwaitInsteadCodeFix)), Shared]
public sealed class AwaitInsteadCodeFix : DocumentFixProvider
{
    /// <summary>The equivalence key of the action.</summary>
    public const string EquivalenceKey = "ARB1009.Await";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.BlockingCall);

    /// <inheritdoc />
    protected override async Task<ImmutableArray<FixOffer>> GetOffersAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        return root is not null && model is not null
            && Plan(root, model, diagnostic, cancellationToken) is { } plan
            && !await HasDirectCallersAsync(document, model, plan, cancellationToken).ConfigureAwait(false)
            ? ImmutableArray.Create(new FixOffer("Await instead of blocking", EquivalenceKey))
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

        var editor = new SyntaxEditor(root, document.Project.Solution.Services);
        var methodsToMakeAsync = new Dictionary<MethodDeclarationSyntax, TypeSyntax?>();
        foreach (var diagnostic in diagnostics)
        {
            if (Plan(root, model, diagnostic, cancellationToken) is not { } plan
                || await HasDirectCallersAsync(document, model, plan, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            editor.ReplaceNode(plan.Blocking, (current, _) => Awaited(current, plan.Blocking));
            if (!plan.Method.Modifiers.Any(SyntaxKind.AsyncKeyword))
            {
                methodsToMakeAsync[plan.Method] = plan.NewReturnType;
            }
        }

        foreach (var pair in methodsToMakeAsync)
        {
            editor.ReplaceNode(pair.Key, (current, _) => MakeAsync((MethodDeclarationSyntax)current, pair.Value));
        }

        return document.WithSyntaxRoot(editor.GetChangedRoot());
    }

    /// <summary>What to edit for one diagnostic, or null when the fix does not apply there.</summary>
    private static FixPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        // Only a task's .Result/.Wait()/GetAwaiter().GetResult() can become an await: a semaphore's or an event's Wait() cannot.
        var blocking = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) as ExpressionSyntax;
        if (blocking is null
            || !diagnostic.Properties.TryGetValue(BlockingCallAnalyzer.KindProperty, out var kind)
            || kind is not (nameof(BlockingKind.TaskResult) or nameof(BlockingKind.TaskWait) or nameof(BlockingKind.AwaiterGetResult))
            || AwaitedPart(blocking) is null)
        {
            return null;
        }

        // The await must land in the method's own body, where an await is legal.
        MethodDeclarationSyntax? method = null;
        foreach (var ancestor in blocking.Ancestors())
        {
            if (ancestor is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or QueryExpressionSyntax or LockStatementSyntax
                or ConstructorDeclarationSyntax or AccessorDeclarationSyntax or BaseTypeDeclarationSyntax)
            {
                return null;
            }

            if (ancestor is MethodDeclarationSyntax found)
            {
                method = found;
                break;
            }
        }

        if (method is null || model.GetDeclaredSymbol(method, cancellationToken) is not { } symbol)
        {
            return null;
        }

        if (symbol.IsAsync)
        {
            return new FixPlan(blocking, method, null);
        }

        if (ArborSymbols.TryCreate(model.Compilation)?.GetHandlerKind(symbol) is not (HandlerKind.Call or HandlerKind.Cast or HandlerKind.Info or HandlerKind.Continue or HandlerKind.Terminate)
            || method.ReturnType is RefTypeSyntax)
        {
            return null;
        }

        var valueTask = model.Compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        var valueTaskOfT = model.Compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        if (valueTask is null || valueTaskOfT is null || IsAwaitable(symbol.ReturnType, model.Compilation))
        {
            return null; // a Task-returning method would need its return statements rewritten too
        }

        var newType = symbol.ReturnsVoid ? (ITypeSymbol)valueTask : valueTaskOfT.Construct(symbol.ReturnType);
        return new FixPlan(blocking, method, SyntaxFactory.ParseTypeName(newType.ToMinimalDisplayString(model, method.SpanStart)));
    }

    /// <summary>
    /// The method would change from returning a value to returning a ValueTask, and user code calls it directly. The
    /// generated dispatch is not counted: the generator follows the new signature.
    /// </summary>
    private static async Task<bool> HasDirectCallersAsync(Document document, SemanticModel model, FixPlan plan, CancellationToken cancellationToken)
    {
        if (plan.NewReturnType is null || model.GetDeclaredSymbol(plan.Method, cancellationToken) is not { } method)
        {
            return false; // already async: the signature does not change
        }

        var references = await SymbolFinder.FindReferencesAsync(method, document.Project.Solution, cancellationToken).ConfigureAwait(false);
        foreach (var reference in references)
        {
            foreach (var location in reference.Locations)
            {
                if (location.Document is not SourceGeneratedDocument && !IsGeneratedName(location.Document.FilePath ?? location.Document.Name))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsGeneratedName(string path) =>
        path.EndsWith(".g.cs", System.StringComparison.OrdinalIgnoreCase) || path.EndsWith(".generated.cs", System.StringComparison.OrdinalIgnoreCase);

    /// <summary>The task in <c>t.Result</c>, <c>t.Wait()</c> or <c>t.GetAwaiter().GetResult()</c>.</summary>
    private static ExpressionSyntax? AwaitedPart(ExpressionSyntax blocking) => blocking switch
    {
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } access => access.Expression,
        InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0, Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Wait" } wait } => wait.Expression,
        InvocationExpressionSyntax
        {
            ArgumentList.Arguments.Count: 0,
            Expression: MemberAccessExpressionSyntax
            {
                Name.Identifier.ValueText: "GetResult",
                Expression: InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0, Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter" } getAwaiter },
            },
        } => getAwaiter.Expression,
        _ => null,
    };

    private static SyntaxNode Awaited(SyntaxNode current, ExpressionSyntax original)
    {
        var task = AwaitedPart((ExpressionSyntax)current) ?? AwaitedPart(original)!;
        ExpressionSyntax awaited = SyntaxFactory.AwaitExpression(task.WithoutTrivia());
        if (original.Parent is MemberAccessExpressionSyntax or ConditionalAccessExpressionSyntax or ElementAccessExpressionSyntax or PostfixUnaryExpressionSyntax)
        {
            awaited = SyntaxFactory.ParenthesizedExpression(awaited);
        }

        return awaited.WithTriviaFrom(current);
    }

    private static MethodDeclarationSyntax MakeAsync(MethodDeclarationSyntax method, TypeSyntax? newReturnType)
    {
        if (newReturnType is not null)
        {
            method = method.WithReturnType(newReturnType.WithTriviaFrom(method.ReturnType));
        }

        var asyncKeyword = SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        if (method.Modifiers.Count == 0)
        {
            // `int M()` -> `async ValueTask<int> M()`: the return type's leading trivia moves to `async`.
            return method
                .WithReturnType(method.ReturnType.WithLeadingTrivia())
                .WithModifiers(SyntaxFactory.TokenList(asyncKeyword.WithLeadingTrivia(method.ReturnType.GetLeadingTrivia())));
        }

        return method.WithModifiers(method.Modifiers.Add(asyncKeyword)).WithAdditionalAnnotations(Formatter.Annotation);
    }

    private static bool IsAwaitable(ITypeSymbol type, Compilation compilation) =>
        type is INamedTypeSymbol named
        && new[] { "System.Threading.Tasks.Task", "System.Threading.Tasks.Task`1", "System.Threading.Tasks.ValueTask", "System.Threading.Tasks.ValueTask`1" }
            .Select(compilation.GetTypeByMetadataName)
            .Any(candidate => SymbolEqualityComparer.Default.Equals(candidate, named.OriginalDefinition));

    private sealed class FixPlan
    {
        public FixPlan(ExpressionSyntax blocking, MethodDeclarationSyntax method, TypeSyntax? newReturnType)
        {
            Blocking = blocking;
            Method = method;
            NewReturnType = newReturnType;
        }

        public ExpressionSyntax Blocking { get; }

        public MethodDeclarationSyntax Method { get; }

        public TypeSyntax? NewReturnType { get; }
    }
}
