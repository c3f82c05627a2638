using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Arbor.Analyzers;

/// <summary>
/// ARB1005: process code hands a lambda, local function or method group that uses <c>this</c> (fields, properties,
/// instance methods) to Task.Run, TaskFactory.StartNew, ContinueWith, the thread pool, a Timer, a Thread or Parallel.
/// Awaiting the task right away is fine: the process handles no other message meanwhile. Static lambdas and lambdas
/// that only use their own parameters and locals are fine.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ThreadEscapeAnalyzer : ArborAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public ThreadEscapeAnalyzer()
        : base(Descriptors.StateEscapesToThread)
    {
    }

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext start, ArborSymbols arbor)
    {
        var apis = new ThreadHoppingApis(start.Compilation);
        ProcessCodeAnalysis.Register(
            start,
            arbor,
            (context, findings) =>
            {
                if (MayHopThreads(context.Node) && context.SemanticModel.GetOperation(context.Node, context.CancellationToken) is { } operation)
                {
                    Analyze(operation, findings, apis);
                }
            },
            SyntaxKind.InvocationExpression,
            SyntaxKind.ObjectCreationExpression,
            SyntaxKind.ImplicitObjectCreationExpression);
    }

    private static readonly ImmutableHashSet<string> s_hoppingMethods = ImmutableHashSet.Create(
        "Run", "StartNew", "ContinueWith", "QueueUserWorkItem", "UnsafeQueueUserWorkItem", "RegisterWaitForSingleObject",
        "For", "ForEach", "ForAsync", "ForEachAsync", "Invoke", "StartTask", "RunTask");

    private static readonly ImmutableHashSet<string> s_hoppingTypes = ImmutableHashSet.Create("Timer", "Thread", "Task");

    /// <summary>Binding-free filter on the method or type name; only calls that pass a delegate can matter.</summary>
    private static bool MayHopThreads(SyntaxNode node) => node switch
    {
        InvocationExpressionSyntax invocation => invocation.ArgumentList.Arguments.Count > 0
            && SyntaxNames.InvokedName(invocation) is { } name && s_hoppingMethods.Contains(name),
        ObjectCreationExpressionSyntax creation => creation.ArgumentList is { Arguments.Count: > 0 }
            && SyntaxNames.NameOf(creation.Type) is { } type && s_hoppingTypes.Contains(type),
        // `Timer t = new(...)`: the type is only known after binding, so require a lambda argument first.
        ImplicitObjectCreationExpressionSyntax implicitCreation => implicitCreation.ArgumentList.Arguments.Any(a => a.Expression is AnonymousFunctionExpressionSyntax),
        _ => false,
    };

    private static void Analyze(IOperation operation, ProcessFindings findings, ThreadHoppingApis apis)
    {
        var (method, arguments) = operation switch
        {
            IInvocationOperation invocation => (invocation.TargetMethod, invocation.Arguments),
            IObjectCreationOperation { Constructor: { } constructor } creation => (constructor, creation.Arguments),
            _ => (null, ImmutableArray<IArgumentOperation>.Empty),
        };

        if (method is null)
        {
            return;
        }

        var hop = apis.Classify(method);
        if (hop == ThreadHop.None || (hop == ThreadHop.Detached && operation is IInvocationOperation && OperationWalk.IsAwaited(operation)))
        {
            return;
        }

        foreach (var argument in arguments)
        {
            if (OperationWalk.WithoutConversions(argument.Value) is IDelegateCreationOperation { Target: var target }
                && (hop == ThreadHop.ProcessTask ? TouchesMutableState(target) : CapturesThis(target)))
            {
                var api = method.MethodKind == MethodKind.Constructor ? $"new {method.ContainingType.Name}" : $"{method.ContainingType.Name}.{method.Name}";
                findings.Report(Diagnostic.Create(Descriptors.StateEscapesToThread, argument.Value.Syntax.GetLocation(), SymbolNames.Of(findings.Member), api));
            }
        }
    }

    private static bool CapturesThis(IOperation target) => target switch
    {
        IAnonymousFunctionOperation lambda => UsesThis(lambda.Body),
        IMethodReferenceOperation { Method.MethodKind: MethodKind.LocalFunction } local =>
            FindLocalFunction(local, local.Method) is { Body: { } body } && UsesThis(body),
        IMethodReferenceOperation { Instance: var instance } =>
            OperationWalk.WithoutConversions(instance) is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance },
        _ => false,
    };

    /// <summary>
    /// For an Arbor task: the delegate reads or writes a mutable member of the process (a field that is not readonly, a
    /// settable property). Reading readonly fields and calling methods is not reported:
    /// tasks are the supported way to do background work, and flagging every service field they use would be noise.
    /// </summary>
    private static bool TouchesMutableState(IOperation target)
    {
        var body = target switch
        {
            IAnonymousFunctionOperation lambda => lambda.Body,
            IMethodReferenceOperation { Method.MethodKind: MethodKind.LocalFunction } local => FindLocalFunction(local, local.Method)?.Body,
            _ => null,
        };

        if (body is null)
        {
            return false;
        }

        foreach (var descendant in body.Descendants())
        {
            var touched = descendant switch
            {
                IFieldReferenceOperation { Field.IsReadOnly: false, Field.IsConst: false, Instance: { } instance } => IsThis(instance),
                IPropertyReferenceOperation { Property.SetMethod: { IsInitOnly: false }, Instance: { } instance } => IsThis(instance),
                _ => false,
            };

            if (touched)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsThis(IOperation instance) =>
        OperationWalk.WithoutConversions(instance) is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };

    private static bool UsesThis(IOperation body)
    {
        foreach (var descendant in body.Descendants())
        {
            if (descendant is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance })
            {
                return true;
            }
        }

        return false;
    }

    private static ILocalFunctionOperation? FindLocalFunction(IOperation from, IMethodSymbol localFunction)
    {
        var root = from;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        foreach (var descendant in root.Descendants())
        {
            if (descendant is ILocalFunctionOperation candidate && SymbolEqualityComparer.Default.Equals(candidate.Symbol, localFunction.OriginalDefinition))
            {
                return candidate;
            }
        }

        return null;
    }
}
