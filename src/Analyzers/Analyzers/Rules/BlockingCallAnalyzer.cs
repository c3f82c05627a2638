using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Arbor.Analyzers;

/// <summary>
/// ARB1009: process code blocks its thread — <c>.Result</c>, <c>.Wait()</c>, <c>GetAwaiter().GetResult()</c>,
/// <c>Task.WaitAll/WaitAny</c>, <c>Thread.Sleep</c>, wait handles and the slim primitives. Not reported inside a
/// delegate handed to another thread (that is ARB1005's business), nor for <c>.Result</c> on a lambda's own task
/// parameter (a <c>ContinueWith</c> continuation gets a completed task).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BlockingCallAnalyzer : ArborAnalyzer
{
    /// <summary>Diagnostic property naming the <see cref="BlockingKind"/>, read by the await code fix.</summary>
    internal const string KindProperty = "BlockingKind";

    /// <summary>Creates the analyzer.</summary>
    public BlockingCallAnalyzer()
        : base(Descriptors.BlockingCall)
    {
    }

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext start, ArborSymbols arbor)
    {
        var blocking = new BlockingApis(start.Compilation);
        var threads = new ThreadHoppingApis(start.Compilation);
        ProcessCodeAnalysis.Register(
            start,
            arbor,
            (context, findings) =>
            {
                if (MayBlock(context.Node) && context.SemanticModel.GetOperation(context.Node, context.CancellationToken) is { } operation)
                {
                    Analyze(operation, findings, blocking, threads);
                }
            },
            SyntaxKind.InvocationExpression,
            SyntaxKind.SimpleMemberAccessExpression);
    }

    private static readonly ImmutableHashSet<string> s_blockingMethods = ImmutableHashSet.Create(
        "Wait", "WaitAll", "WaitAny", "GetResult", "Sleep", "WaitOne", "SignalAndWait");

    /// <summary>Binding-free filter on the member name.</summary>
    private static bool MayBlock(SyntaxNode node) => node switch
    {
        InvocationExpressionSyntax invocation => SyntaxNames.InvokedName(invocation) is { } name && s_blockingMethods.Contains(name),
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText == "Result" && !IsGuardedByIsCompleted(access),
        _ => false,
    };

    /// <summary>
    /// <c>if (t.IsCompleted) return t.Result;</c> or <c>t.IsCompletedSuccessfully ? t.Result : ...</c>: a completed task
    /// does not block, so a <c>.Result</c> inside a condition that checks its completion is fine.
    /// </summary>
    private static bool IsGuardedByIsCompleted(MemberAccessExpressionSyntax access)
    {
        var receiver = access.Expression.ToString();
        foreach (var ancestor in access.Ancestors())
        {
            var condition = ancestor switch
            {
                IfStatementSyntax statement => statement.Condition,
                ConditionalExpressionSyntax conditional when !conditional.Condition.Span.Contains(access.Span) => conditional.Condition,
                _ => null,
            };

            if (condition is not null)
            {
                foreach (var node in condition.DescendantNodesAndSelf())
                {
                    if (node is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "IsCompleted" or "IsCompletedSuccessfully" } check
                        && check.Expression.ToString() == receiver)
                    {
                        return true;
                    }
                }
            }

            if (ancestor is MemberDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
            {
                break;
            }
        }

        return false;
    }

    private static void Analyze(IOperation operation, ProcessFindings findings, BlockingApis blocking, ThreadHoppingApis threads)
    {
        var (kind, shown, task) = operation switch
        {
            IPropertyReferenceOperation { Property: var property } reference when blocking.IsBlockingResult(property) && !IsContinuationParameter(reference.Instance)
                => (BlockingKind.TaskResult, ".Result", reference.Instance),
            IInvocationOperation { TargetMethod: var method } invocation => (blocking.Classify(method), Describe(method), WaitedTask(invocation)),
            _ => (BlockingKind.None, string.Empty, null),
        };

        if (kind == BlockingKind.None
            || RunsOnAnotherThread(operation, threads)
            || (kind is BlockingKind.TaskResult or BlockingKind.TaskWait or BlockingKind.AwaiterGetResult && CompletedTasks.IsKnownComplete(task, operation)))
        {
            return;
        }

        var properties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, kind.ToString());
        findings.Report(Diagnostic.Create(Descriptors.BlockingCall, operation.Syntax.GetLocation(), properties, SymbolNames.Of(findings.Member), shown, Advice(findings.Member)));
    }

    /// <summary>The task a <c>t.Wait()</c> or <c>t.GetAwaiter().GetResult()</c> waits for.</summary>
    private static IOperation? WaitedTask(IInvocationOperation invocation) => invocation.TargetMethod.Name switch
    {
        "GetResult" => OperationWalk.WithoutConversions(invocation.Instance) is IInvocationOperation { TargetMethod.Name: "GetAwaiter", Instance: var awaitable }
            ? Unconfigured(awaitable)
            : null,
        _ => invocation.Instance,
    };

    private static IOperation? Unconfigured(IOperation? awaitable) =>
        OperationWalk.WithoutConversions(awaitable) is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: var task } ? task : awaitable;

    /// <summary>What to do instead, for the kind of member the wait is in: init cannot await, a handler can.</summary>
    private static string Advice(ISymbol member) => member switch
    {
        IMethodSymbol { MethodKind: MethodKind.Constructor } =>
            "init cannot await: call Continue(...) from the constructor and do the work in an async [Continue] handler",
        IFieldSymbol or IPropertySymbol =>
            "state initialisers cannot await: load the value in an async [Continue] handler started from init",
        _ => "await instead (handlers may return ValueTask)",
    };

    private static string Describe(IMethodSymbol method) => method.Name switch
    {
        "Wait" when method.ContainingType.Name == "Task" => ".Wait()",
        "GetResult" => "GetAwaiter().GetResult()",
        _ => $"{method.ContainingType.Name}.{method.Name}",
    };

    /// <summary><c>t =&gt; t.Result</c> inside a continuation: the task handed to a lambda is usually already complete.</summary>
    private static bool IsContinuationParameter(IOperation? instance) =>
        OperationWalk.WithoutConversions(instance) is IParameterReferenceOperation { Parameter.ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } };

    private static bool RunsOnAnotherThread(IOperation operation, ThreadHoppingApis threads)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is not IAnonymousFunctionOperation)
            {
                continue;
            }

            var consumer = current.Parent is IDelegateCreationOperation delegateCreation ? delegateCreation.Parent : current.Parent;
            if (consumer is IArgumentOperation { Parent: var call })
            {
                var method = call switch
                {
                    IInvocationOperation invocation => invocation.TargetMethod,
                    IObjectCreationOperation creation => creation.Constructor,
                    _ => null,
                };

                if (method is not null && threads.Classify(method) != ThreadHop.None)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
