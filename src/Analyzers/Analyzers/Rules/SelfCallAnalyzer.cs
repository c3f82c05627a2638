using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Arbor.Analyzers;

/// <summary>
/// ARB1010: process code makes a call (not a cast) to its own process — through the generated <c>SelfRef</c>,
/// <c>XxxRef.FromPid(Self)</c>, or <c>GenServer.CallAsync(Self, ...)</c>. Casting to self is fine (the message is
/// queued and handled later).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SelfCallAnalyzer : ArborAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public SelfCallAnalyzer()
        : base(Descriptors.SelfCall)
    {
    }

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext start, ArborSymbols arbor)
    {
        if (arbor.GenServer is null)
        {
            return;
        }

        var tasks = new AsyncResultTypes(start.Compilation);
        ProcessCodeAnalysis.Register(
            start,
            arbor,
            (context, findings) =>
            {
                if (MayCallSelf((InvocationExpressionSyntax)context.Node)
                    && context.SemanticModel.GetOperation(context.Node, context.CancellationToken) is IInvocationOperation invocation)
                {
                    Analyze(invocation, findings, arbor, tasks);
                }
            },
            SyntaxKind.InvocationExpression);
    }

    /// <summary>Binding-free filter: <c>CallAsync(...)</c>, or a method called on <c>SelfRef</c> or on <c>X.FromPid(...)</c>.</summary>
    private static bool MayCallSelf(InvocationExpressionSyntax invocation)
    {
        if (SyntaxNames.InvokedName(invocation) == "CallAsync")
        {
            return true;
        }

        return invocation.Expression is MemberAccessExpressionSyntax { Expression: var receiver }
            && receiver switch
            {
                IdentifierNameSyntax { Identifier.ValueText: "SelfRef" } => true,
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name.Identifier.ValueText: "SelfRef" } => true,
                InvocationExpressionSyntax inner => SyntaxNames.InvokedName(inner) == "FromPid",
                _ => false,
            };
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
