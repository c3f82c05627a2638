using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace Arbor.Analyzers;

/// <summary>
/// ARB1001: a <c>catch</c>, <c>catch (Exception)</c> or a filter that lets everything through (see <see cref="AlwaysTrue"/>:
/// also a helper that logs and returns true), which swallows the
/// exception, in code that runs inside a GenServer process. A catch that rethrows, wraps and throws, or stops the
/// process is fine: the failure still surfaces.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CatchAllAnalyzer : ArborAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public CatchAllAnalyzer()
        : base(Descriptors.DefensiveCatchAll)
    {
    }

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext start, ArborSymbols arbor)
    {
        var exception = start.Compilation.GetTypeByMetadataName("System.Exception");
        var escapes = new EscapeHatches(
            arbor.GenServer,
            start.Compilation.GetTypeByMetadataName("System.Runtime.ExceptionServices.ExceptionDispatchInfo"),
            start.Compilation.GetTypeByMetadataName("System.Environment"));
        ProcessCodeAnalysis.Register(
            start,
            arbor,
            (context, findings) =>
            {
                if (MayCatchEverything((CatchClauseSyntax)context.Node)
                    && context.SemanticModel.GetOperation(context.Node, context.CancellationToken) is ICatchClauseOperation catchClause)
                {
                    Analyze(catchClause, findings, exception, escapes);
                }
            },
            SyntaxKind.CatchClause);
    }

    private static void Analyze(ICatchClauseOperation catchClause, ProcessFindings findings, INamedTypeSymbol? exception, EscapeHatches escapes)
    {
        if (catchClause.Syntax is not CatchClauseSyntax syntax
            || !CatchesEverything(catchClause, exception)
            || !AlwaysTrue.LetsEverythingThrough(catchClause.Filter, catchClause.Locals.Length > 0 ? catchClause.Locals[0] : null, catchClause.ExceptionType)
            || Surfaces(catchClause.Handler, escapes))
        {
            return;
        }

        var end = syntax.Declaration?.Span.End ?? syntax.CatchKeyword.Span.End;
        var location = Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(syntax.CatchKeyword.SpanStart, end));
        findings.Report(Diagnostic.Create(Descriptors.DefensiveCatchAll, location, SymbolNames.Of(findings.Member)));
    }

    /// <summary>Binding-free filter: <c>catch</c>, <c>catch (Exception ...)</c> or <c>catch (object)</c>-like declarations.</summary>
    private static bool MayCatchEverything(CatchClauseSyntax syntax) =>
        syntax.Declaration is not { } declaration
        || declaration.Type is PredefinedTypeSyntax
        || SyntaxNames.NameOf(declaration.Type) is "Exception" or "Object";

    private static bool CatchesEverything(ICatchClauseOperation catchClause, INamedTypeSymbol? exception) =>
        catchClause.ExceptionType is { } type
        && (type.SpecialType == SpecialType.System_Object || SymbolEqualityComparer.Default.Equals(type, exception));

    /// <summary>The handler rethrows, throws something else, or stops the process: nothing is swallowed.</summary>
    private static bool Surfaces(IBlockOperation handler, EscapeHatches escapes)
    {
        foreach (var operation in OperationWalk.DescendantsInSameFunction(handler))
        {
            switch (operation)
            {
                case IThrowOperation:
                    return true;
                case IInvocationOperation invocation:
                    if (escapes.EndsTheFailure(invocation.TargetMethod))
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    /// <summary>Calls that make the failure surface after all: ExceptionDispatchInfo.Throw, GenServer.Stop/Exit, Environment.FailFast.</summary>
    private sealed class EscapeHatches(INamedTypeSymbol? genServer, INamedTypeSymbol? dispatchInfo, INamedTypeSymbol? environment)
    {
        public bool EndsTheFailure(IMethodSymbol target) => target.Name switch
        {
            "Throw" => Is(target.ContainingType, dispatchInfo),
            "Stop" or "Exit" => Is(target.ContainingType, genServer),
            "FailFast" => Is(target.ContainingType, environment),
            _ => false,
        };

        private static bool Is(INamedTypeSymbol? actual, INamedTypeSymbol? expected) =>
            expected is not null && SymbolEqualityComparer.Default.Equals(actual, expected);
    }
}
