using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Arbor.Analyzers;

/// <summary>
/// ARB1011: a call, cast, info or continue handler (or a state machine handler) contains a loop with no way out or
/// synchronous I/O, and is not marked <c>Dirty = true</c> (on its attribute, on <c>[GenServer]</c> or on <c>[StateMachine]</c>). A suggestion: such a handler holds a worker
/// thread for as long as it runs. Only the handler's own body is looked at (not helpers it calls, nor lambdas in it).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DirtyWorkAnalyzer : ArborAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public DirtyWorkAnalyzer()
        : base(Descriptors.UndeclaredDirtyWork)
    {
    }

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext start, ArborSymbols arbor)
    {
        var longRunning = new LongRunningCode(start.Compilation);
        start.RegisterSyntaxNodeAction(
            context => Analyze(context, arbor, longRunning),
            SyntaxKind.WhileStatement,
            SyntaxKind.DoStatement,
            SyntaxKind.ForStatement,
            SyntaxKind.InvocationExpression);
    }

    private static void Analyze(SyntaxNodeAnalysisContext context, ArborSymbols arbor, LongRunningCode longRunning)
    {
        var node = context.Node;
        string? reason;
        if (node is InvocationExpressionSyntax invocation)
        {
            // Filter on the name before binding anything.
            if (SyntaxNames.InvokedName(invocation) is not { } name || !LongRunningCode.MayBeBlockingIo(name) || InNestedFunction(node))
            {
                return;
            }

            reason = context.SemanticModel.GetSymbolInfo(invocation, context.CancellationToken).Symbol is IMethodSymbol method
                ? longRunning.DescribeBlockingIo(method)
                : null;
        }
        else
        {
            reason = !InNestedFunction(node) && LongRunningCode.IsUnboundedLoop(node) ? "a loop with no way out" : null;
        }

        if (reason is null || context.ContainingSymbol is not IMethodSymbol handler || !IsOrdinaryHandler(arbor, handler))
        {
            return;
        }

        var location = node is InvocationExpressionSyntax ? node.GetLocation() : node.GetFirstToken().GetLocation();
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.UndeclaredDirtyWork, location, SymbolNames.Of(handler), reason));
    }

    /// <summary>
    /// A call, cast, info or continue handler of a GenServer, or a handler of a state machine, not marked dirty on itself
    /// or on its class.
    /// </summary>
    private static bool IsOrdinaryHandler(ArborSymbols arbor, IMethodSymbol method)
    {
        var kind = arbor.GetHandlerKind(method);
        var handler = arbor.IsGenServer(method.ContainingType)
            ? kind is HandlerKind.Call or HandlerKind.Cast or HandlerKind.Info or HandlerKind.Continue
            : arbor.IsStateMachine(method.ContainingType) && kind is HandlerKind.Call or HandlerKind.Cast or HandlerKind.Info or HandlerKind.StateCallback
                && method.GetAttributes().Any(attribute => SymbolEqualityComparer.Default.Equals(attribute.AttributeClass?.BaseType, arbor.StateHandlerAttribute));
        if (!handler)
        {
            return false;
        }

        return !method.GetAttributes().Any(IsDirty)
            && !method.ContainingType.GetAttributes().Any(attribute =>
                (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, arbor.GenServerAttribute) || SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, arbor.StateMachineAttribute))
                && IsDirty(attribute));
    }

    private static bool IsDirty(AttributeData attribute) =>
        attribute.NamedArguments.Any(argument => argument.Key == "Dirty" && argument.Value.Value is true);

    /// <summary>Code in a lambda or local function may run elsewhere (or later); only the handler's own statements count.</summary>
    private static bool InNestedFunction(SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                    return true;
                case MemberDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }
}
