using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Arbor.Analyzers;

/// <summary>
/// ARB1010: process code makes a call (not a cast) to its own process — through the generated <c>SelfRef</c>,
/// <c>XxxRef.FromPid(Self)</c>, <c>GenServer.CallAsync(Self, ...)</c>, an alias of one of these (a local, a field or a
/// property that only ever holds the server's own client), or a lookup of the one name the server is registered under
/// (<c>Node.Whereis&lt;XxxRef&gt;("xxx")</c>). Casting to self is fine (the message is queued and handled later); a
/// client of the same type that may be another process (a neighbour given at start, a sibling's name) is fine too.
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
        var names = new RegisteredNames(start.Compilation);
        ProcessCodeAnalysis.Register(
            start,
            arbor,
            (context, findings) =>
            {
                if (MayCallSelf((InvocationExpressionSyntax)context.Node)
                    && context.SemanticModel.GetOperation(context.Node, context.CancellationToken) is IInvocationOperation invocation)
                {
                    Analyze(invocation, findings, new SelfClients(arbor, names, findings.Member.ContainingType, context.CancellationToken), tasks);
                }
            },
            SyntaxKind.InvocationExpression);
    }

    /// <summary>
    /// Binding-free filter: <c>CallAsync(...)</c>, or a client call (<c>...Async()</c>) on something: <c>SelfRef</c>,
    /// <c>X.FromPid(...)</c>, a local, field or property that may alias it, or a name lookup.
    /// </summary>
    private static bool MayCallSelf(InvocationExpressionSyntax invocation)
    {
        var name = SyntaxNames.InvokedName(invocation);
        return name == "CallAsync"
            || (name is not null && name.EndsWith("Async", System.StringComparison.Ordinal) && invocation.Expression is MemberAccessExpressionSyntax);
    }

    private static void Analyze(IInvocationOperation invocation, ProcessFindings findings, SelfClients self, AsyncResultTypes tasks)
    {
        var method = invocation.TargetMethod;
        IOperation? via = null;
        if (method.Name == "CallAsync" && self.IsGenServerMethod(method))
        {
            // GenServer.CallAsync(Self, message)
            via = invocation.Arguments.Length > 0 && self.IsSelfPid(invocation.Arguments[0].Value) ? invocation.Arguments[0].Value : null;
        }
        else if (!method.IsStatic && tasks.IsTaskLike(method.ReturnType) && self.IsOwnClientType(method.ContainingType))
        {
            // A call on the server's own client type: SelfRef.GetAsync(), me.GetAsync(), _self.GetAsync()...
            via = self.IsSelfClient(invocation.Instance, invocation) ? invocation.Instance : null;
        }

        if (via is not null)
        {
            findings.Report(Diagnostic.Create(Descriptors.SelfCall, invocation.Syntax.GetLocation(), SymbolNames.Of(findings.Member), via.Syntax.ToString()));
        }
    }
}
