using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Arbor.Analyzers;

/// <summary>
/// ARB1006: process code starts a task (a call returning Task or ValueTask) and drops it — as a plain statement in a
/// non-async method, or discarded with <c>_ = ...</c>. Inside async methods the compiler already reports an
/// unawaited statement (CS4014), so only the discard is reported there. Awaited or stored tasks are fine. A call
/// statement is only checked when its name says it starts a task (<c>...Async</c>, <c>Task.Run</c>...).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FireAndForgetAnalyzer : ArborAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public FireAndForgetAnalyzer()
        : base(Descriptors.FireAndForget)
    {
    }

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext start, ArborSymbols arbor)
    {
        var tasks = new AsyncResultTypes(start.Compilation);
        ProcessCodeAnalysis.Register(
            start,
            arbor,
            (context, findings) =>
            {
                // `M();` is a statement; `void M() => N();` is an arrow whose body the compiler wraps in an implicit statement.
                var expression = context.Node switch
                {
                    ExpressionStatementSyntax syntax => syntax.Expression,
                    ArrowExpressionClauseSyntax arrow => arrow.Expression,
                    _ => null,
                };

                if (expression is not null
                    && MayDropATask(expression)
                    && context.SemanticModel.GetOperation(expression, context.CancellationToken)?.Parent is IExpressionStatementOperation statement)
                {
                    Analyze(statement, findings, tasks);
                }
            },
            SyntaxKind.ExpressionStatement,
            SyntaxKind.ArrowExpressionClause);
    }

    private static readonly ImmutableHashSet<string> s_taskStarters = ImmutableHashSet.Create(
        "Run", "StartNew", "Delay", "WhenAll", "WhenAny", "ContinueWith");

    /// <summary>
    /// Binding-free filter: <c>_ = Call()</c>, or a call statement whose name says it starts a task (<c>...Async</c>,
    /// <c>Task.Run</c>, <c>Task.Delay</c>...). Precision over recall: a Task-returning method named otherwise is not checked.
    /// </summary>
    private static bool MayDropATask(ExpressionSyntax expression) => expression switch
    {
        AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" }, Right: InvocationExpressionSyntax } => true,
        InvocationExpressionSyntax invocation => SyntaxNames.InvokedName(invocation) is { } name
            && (name.EndsWith("Async", StringComparison.Ordinal) || s_taskStarters.Contains(name)),
        _ => false,
    };

    private static void Analyze(IExpressionStatementOperation statement, ProcessFindings findings, AsyncResultTypes tasks)
    {
        IOperation? started;
        if (statement.Operation is ISimpleAssignmentOperation { Target: IDiscardOperation } discard)
        {
            started = OperationWalk.WithoutConversions(discard.Value);
        }
        else if (!IsInAsyncFunction(statement, findings.Member))
        {
            started = OperationWalk.WithoutConversions(statement.Operation);
        }
        else
        {
            return; // CS4014 covers an unawaited call statement in an async method
        }

        if (started is IInvocationOperation invocation && tasks.IsTaskLike(invocation.Type))
        {
            var target = invocation.TargetMethod;
            findings.Report(Diagnostic.Create(
                Descriptors.FireAndForget,
                invocation.Syntax.GetLocation(),
                SymbolNames.Of(findings.Member),
                $"{target.ContainingType.Name}.{target.Name}"));
        }
    }

    private static bool IsInAsyncFunction(IOperation operation, ISymbol member) => OperationWalk.EnclosingFunction(operation) switch
    {
        IAnonymousFunctionOperation lambda => lambda.Symbol.IsAsync,
        ILocalFunctionOperation local => local.Symbol.IsAsync,
        _ => member is IMethodSymbol { IsAsync: true },
    };
}
