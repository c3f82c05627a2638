using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Arbor.Analyzers;

/// <summary>
/// Shared wiring for the rules that only apply to code running inside a process (catch-alls, blocking, self-calls,
/// threads): per GenServer type, each rule registers its operation actions through <see cref="Register"/> and reports
/// through a <see cref="ProcessFindings"/>; the findings survive only in members reachable from a handler or init.
/// </summary>
internal static class ProcessCodeAnalysis
{
    /// <summary>Runs <paramref name="configure"/> for every operation block of every GenServer type in the compilation.</summary>
    public static void Register(
        CompilationStartAnalysisContext start,
        ArborSymbols arbor,
        Action<OperationBlockStartAnalysisContext, ProcessFindings> configure)
    {
        start.RegisterSymbolStartAction(
            symbolStart =>
            {
                var type = (INamedTypeSymbol)symbolStart.Symbol;
                if (!arbor.IsGenServer(type))
                {
                    return;
                }

                var scope = new ProcessCodeScope(type);
                symbolStart.RegisterOperationBlockStartAction(block =>
                {
                    var member = block.OwningSymbol;
                    if (!SymbolEqualityComparer.Default.Equals(member.ContainingType, type))
                    {
                        return; // members of nested types are not this process's code
                    }

                    RegisterEdges(block, scope, member);
                    configure(block, new ProcessFindings(scope, member));
                });
                symbolStart.RegisterSymbolEndAction(end => scope.ReportReachable(member => IsProcessEntryPoint(arbor, member), end.ReportDiagnostic));
            },
            SymbolKind.NamedType);
    }

    /// <summary>Handlers, callback overrides, instance constructors and instance initializers run in the process.</summary>
    public static bool IsProcessEntryPoint(ArborSymbols arbor, ISymbol member) => member switch
    {
        IMethodSymbol { MethodKind: MethodKind.Constructor, IsStatic: false } => true,
        IMethodSymbol method => arbor.GetHandlerKind(method) != HandlerKind.None,
        IFieldSymbol { IsStatic: false, IsImplicitlyDeclared: false } => true,      // instance field initializers run in init
        IPropertySymbol { IsStatic: false } => true,                              // owns only its initializer's code
        _ => false,
    };

    private static void RegisterEdges(OperationBlockStartAnalysisContext block, ProcessCodeScope scope, ISymbol member)
    {
        block.RegisterOperationAction(
            context =>
            {
                switch (context.Operation)
                {
                    case IInvocationOperation invocation:
                        scope.AddEdge(member, invocation.TargetMethod);
                        break;
                    case IMethodReferenceOperation reference:
                        scope.AddEdge(member, reference.Method);
                        break;
                    case IPropertyReferenceOperation property:
                        // Either accessor may run; the property symbol itself only owns its initializer.
                        scope.AddEdge(member, property.Property.GetMethod);
                        scope.AddEdge(member, property.Property.SetMethod);
                        break;
                }
            },
            OperationKind.Invocation,
            OperationKind.MethodReference,
            OperationKind.PropertyReference);
    }
}

/// <summary>Where a rule reports what it found in one member of a GenServer.</summary>
internal readonly struct ProcessFindings
{
    private readonly ProcessCodeScope _scope;

    public ProcessFindings(ProcessCodeScope scope, ISymbol member)
    {
        _scope = scope;
        Member = member;
    }

    /// <summary>The member whose body is being analysed.</summary>
    public ISymbol Member { get; }

    /// <summary>Reports <paramref name="diagnostic"/> if <see cref="Member"/> runs inside the process.</summary>
    public void Report(Diagnostic diagnostic) => _scope.AddFinding(Member, diagnostic);
}
