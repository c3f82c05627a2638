using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Arbor.Analyzers;

/// <summary>
/// ARB1007: a GenServer started with the stand-alone start — the generated static <c>Xxx.StartAsync(node, ...)</c> or
/// <c>GenServer.StartAsync(node, factory)</c> without <c>Link = true</c> — outside a child start function. Test projects
/// are exempt unless <c>arbor.unsupervised_start.report_in_test_projects = true</c> is set in .editorconfig.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnsupervisedStartAnalyzer : ArborAnalyzer
{
    /// <summary>The .editorconfig option that turns the rule on in test projects.</summary>
    public const string ReportInTestProjectsOption = "arbor.unsupervised_start.report_in_test_projects";

    /// <summary>Creates the analyzer.</summary>
    public UnsupervisedStartAnalyzer()
        : base(Descriptors.UnsupervisedStart)
    {
    }

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext start, ArborSymbols arbor)
    {
        if (arbor.ArborNode is null)
        {
            return;
        }

        var isTestProject = TestProjectDetection.IsTestProject(start.Compilation, start.Options);
        start.RegisterSyntaxNodeAction(
            context =>
            {
                // Binding-free filter first: only calls named StartAsync can be a stand-alone start.
                if (SyntaxNames.InvokedName((InvocationExpressionSyntax)context.Node) == "StartAsync"
                    && context.SemanticModel.GetOperation(context.Node, context.CancellationToken) is IInvocationOperation invocation)
                {
                    Analyze(context, invocation, arbor, isTestProject);
                }
            },
            SyntaxKind.InvocationExpression);
    }

    private static void Analyze(SyntaxNodeAnalysisContext context, IInvocationOperation invocation, ArborSymbols arbor, bool isTestProject)
    {
        var method = invocation.TargetMethod;
        if (method.Name != "StartAsync" || !method.IsStatic || !IsStandaloneStart(method, arbor))
        {
            return;
        }

        if (IsLinked(invocation, arbor) || ChildStartFunctions.IsInside(invocation, context.ContainingSymbol, arbor))
        {
            return;
        }

        if (isTestProject && !ReportsInTestProjects(context))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnsupervisedStart, invocation.Syntax.GetLocation(), StartedTypeName(invocation, arbor)));
    }

    /// <summary><c>GenServer.StartAsync(ArborNode, ...)</c> or a GenServer's own static <c>StartAsync(ArborNode, ...)</c>.</summary>
    private static bool IsStandaloneStart(IMethodSymbol method, ArborSymbols arbor) =>
        method.Parameters.Length > 0
        && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, arbor.ArborNode)
        && (SymbolEqualityComparer.Default.Equals(method.ContainingType, arbor.GenServer) || arbor.IsGenServer(method.ContainingType));

    /// <summary><c>new StartOptions { Link = true }</c> makes the caller the parent, like StartLinkAsync.</summary>
    private static bool IsLinked(IInvocationOperation invocation, ArborSymbols arbor)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (OperationWalk.WithoutConversions(argument.Value) is IObjectCreationOperation { Initializer: { } initializer } creation
                && SymbolEqualityComparer.Default.Equals(creation.Type, arbor.StartOptions))
            {
                foreach (var assignment in initializer.Initializers)
                {
                    if (assignment is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Link" }, Value.ConstantValue: { HasValue: true, Value: true } })
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool ReportsInTestProjects(SyntaxNodeAnalysisContext context)
    {
        var options = context.Options.AnalyzerConfigOptionsProvider.GetOptions(context.Node.SyntaxTree);
        return (options.TryGetValue(ReportInTestProjectsOption, out var value)
                || context.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(ReportInTestProjectsOption, out value))
            && string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The GenServer's name: the containing type of a generated start, or the type the factory lambda creates.</summary>
    private static string StartedTypeName(IInvocationOperation invocation, ArborSymbols arbor)
    {
        if (arbor.IsGenServer(invocation.TargetMethod.ContainingType))
        {
            return invocation.TargetMethod.ContainingType.Name;
        }

        foreach (var argument in invocation.Arguments)
        {
            foreach (var descendant in argument.Descendants())
            {
                if (descendant is IObjectCreationOperation { Type: INamedTypeSymbol created } && arbor.IsGenServer(created))
                {
                    return created.Name;
                }
            }
        }

        return "GenServer";
    }
}
