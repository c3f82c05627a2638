using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
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
public sealed class ThreadEscapeAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.StateEscapesToThread);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (ArborSymbols.TryCreate(start.Compilation) is not { } arbor)
            {
                return;
            }

            var apis = new ThreadHoppingApis(start.Compilation);
            ProcessCodeAnalysis.Register(start, arbor, (block, findings) =>
                block.RegisterOperationAction(
                    context => Analyze(context.Operation, findings, apis),
                    OperationKind.Invocation,
                    OperationKind.ObjectCreation));
        });
    }

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
                && CapturesThis(target))
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
