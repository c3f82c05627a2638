using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Arbor.Analyzers;

/// <summary>
/// ARB1008 (compilation end, info): a GenServer type declared in this compilation that nothing puts under a supervisor:
/// its <c>ChildSpec(...)</c> is never called or referenced, no child start function creates or starts it, and no
/// process starts it linked to itself (<c>StartLinkAsync</c>: the caller is its parent).
/// </summary>
/// <remarks>
/// An info diagnostic is not shown by a command-line build, so an orphan would pass CI silently. In an application (an
/// executable that is not a test project) the whole supervision tree is in the compilation, so the finding is reliable
/// there and is reported as a warning; in a library, whose applications may supply the child specs, it stays info.
/// <c>dotnet_diagnostic.ARB1008.severity</c> in .editorconfig overrides both.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MissingChildSpecAnalyzer : ArborAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public MissingChildSpecAnalyzer()
        : base(Descriptors.MissingChildSpec)
    {
    }

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext start, ArborSymbols arbor)
    {
        var declared = new ConcurrentBag<INamedTypeSymbol>();
        var supervised = new ConcurrentDictionary<INamedTypeSymbol, bool>(SymbolEqualityComparer.Default);

        start.RegisterSymbolAction(
            context =>
            {
                var type = (INamedTypeSymbol)context.Symbol;
                if (!type.IsAbstract && arbor.IsGenServer(type))
                {
                    declared.Add(type);
                }
            },
            SymbolKind.NamedType);

        start.RegisterSyntaxNodeAction(
            context =>
            {
                if (SupervisedType(context, arbor) is { } type)
                {
                    supervised.TryAdd(type.OriginalDefinition, true);
                }
            },
            SyntaxKind.SimpleMemberAccessExpression,
            SyntaxKind.ObjectCreationExpression,
            SyntaxKind.InvocationExpression);

        var severity = IsApplication(start.Compilation, start.Options) ? DiagnosticSeverity.Warning : DiagnosticSeverity.Info;
        start.RegisterCompilationEndAction(context =>
        {
            foreach (var type in declared)
            {
                if (!supervised.ContainsKey(type.OriginalDefinition) && !type.Locations.IsEmpty)
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.MissingChildSpec, type.Locations[0], severity, additionalLocations: null, properties: null, type.Name));
                }
            }
        });
    }

    /// <summary>An executable that is not a test project: its compilation holds the whole supervision tree.</summary>
    private static bool IsApplication(Compilation compilation, AnalyzerOptions options) =>
        compilation.Options.OutputKind is OutputKind.ConsoleApplication or OutputKind.WindowsApplication
        && !TestProjectDetection.IsTestProject(compilation, options);

    /// <summary>The GenServer this node puts under a supervisor, if any.</summary>
    private static INamedTypeSymbol? SupervisedType(SyntaxNodeAnalysisContext context, ArborSymbols arbor)
    {
        var model = context.SemanticModel;
        var cancellationToken = context.CancellationToken;
        switch (context.Node)
        {
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ChildSpec" } access:
                // Counter.ChildSpec(...) or the method group Counter.ChildSpec
                var symbolInfo = model.GetSymbolInfo(access, cancellationToken);
                var method = symbolInfo.Symbol as IMethodSymbol ?? (symbolInfo.CandidateSymbols.Length == 1 ? symbolInfo.CandidateSymbols[0] as IMethodSymbol : null);
                return method is not null && arbor.IsChildSpecFactory(method) ? method.ContainingType : null;

            case InvocationExpressionSyntax invocation when SyntaxNames.InvokedName(invocation) == "StartLinkAsync":
                // Xxx.StartLinkAsync(Node, ...) from inside a process: the caller is the parent that supervises it.
                return model.GetOperation(invocation, cancellationToken) is IInvocationOperation { TargetMethod: { IsStatic: true } linked }
                    && arbor.IsGenServer(linked.ContainingType)
                        ? linked.ContainingType
                        : null;

            case ObjectCreationExpressionSyntax or InvocationExpressionSyntax when ChildStartFunctions.MayBeInside(context.Node):
                // Inside a child start function, creating the server or calling its static start counts too.
                INamedTypeSymbol? candidate = model.GetOperation(context.Node, cancellationToken) switch
                {
                    IObjectCreationOperation { Type: INamedTypeSymbol created } creation when IsInsideStart(creation) => created,
                    IInvocationOperation { TargetMethod: { IsStatic: true } target } invocation when IsInsideStart(invocation) => target.ContainingType,
                    _ => null,
                };
                return candidate is not null && arbor.IsGenServer(candidate) ? candidate : null;

            default:
                return null;
        }

        bool IsInsideStart(IOperation operation) => ChildStartFunctions.IsInside(operation, context.ContainingSymbol, arbor);
    }
}
