using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Arbor.Analyzers;

/// <summary>
/// ARB1010: process code makes a call (not a cast) to its own process — through the generated <c>SelfRef</c>,
/// <c>XxxRef.FromPid(Self)</c>, or <c>GenServer.CallAsync(Self, ...)</c>. Casting to self is fine (the message is
/// queued and handled later).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SelfCallAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SelfCall);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (ArborSymbols.TryCreate(start.Compilation) is not { } arbor || arbor.GenServer is null)
            {
                return;
            }

            var tasks = new AsyncResultTypes(start.Compilation);
            ProcessCodeAnalysis.Register(start, arbor, (block, findings) =>
                block.RegisterOperationAction(
                    context => Analyze((IInvocationOperation)context.Operation, findings, arbor, tasks),
                    OperationKind.Invocation));
        });
    }

    private static void Analyze(IInvocationOperation invocation, ProcessFindings findings, ArborSymbols arbor, AsyncResultTypes tasks)
    {
        var method = invocation.TargetMethod;
        IOperation? self = null;
        if (method.Name == "CallAsync" && SymbolEqualityComparer.Default.Equals(method.ContainingType, arbor.GenServer))
        {
            // GenServer.CallAsync(Self, message)
            self = invocation.Arguments.Length > 0 && IsSelfPid(invocation.Arguments[0].Value, arbor) ? invocation.Arguments[0].Value : null;
        }
        else if (!method.IsStatic && tasks.IsTaskLike(method.ReturnType) && arbor.IsProcessRef(method.ContainingType))
        {
            // A call on a client: SelfRef.GetAsync(), CounterRef.FromPid(Self).GetAsync()
            self = IsSelfClient(invocation.Instance, arbor) ? invocation.Instance : null;
        }

        if (self is not null)
        {
            findings.Report(Diagnostic.Create(Descriptors.SelfCall, invocation.Syntax.GetLocation(), SymbolNames.Of(findings.Member), self.Syntax.ToString()));
        }
    }

    private static bool IsSelfClient(IOperation? instance, ArborSymbols arbor) => OperationWalk.WithoutConversions(instance) switch
    {
        IPropertyReferenceOperation { Property.Name: "SelfRef", Instance: var owner } => IsThis(owner),
        IInvocationOperation { TargetMethod: { Name: "FromPid", IsStatic: true }, Arguments: { Length: 1 } arguments } => IsSelfPid(arguments[0].Value, arbor),
        _ => false,
    };

    private static bool IsSelfPid(IOperation value, ArborSymbols arbor) =>
        OperationWalk.WithoutConversions(value) is IPropertyReferenceOperation { Property: { Name: "Self" } property, Instance: var owner }
        && SymbolEqualityComparer.Default.Equals(property.ContainingType, arbor.GenServer)
        && IsThis(owner);

    private static bool IsThis(IOperation? operation) =>
        OperationWalk.WithoutConversions(operation) is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };
}
