using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Arbor.Analyzers;

/// <summary>
/// Shared wiring for the rules that only apply to code running inside a process (catch-alls, blocking, self-calls,
/// threads, fire-and-forget): per GenServer type, a rule registers syntax node actions through <see cref="Register"/>
/// and reports through a <see cref="ProcessFindings"/>; the findings survive only in members that run in the process.
/// </summary>
/// <remarks>
/// Rules start from syntax and filter on names before asking the semantic model anything, so a method body is bound
/// only when it contains a candidate: that keeps the analyzers' cost small next to the compiler's own.
/// </remarks>
internal static class ProcessCodeAnalysis
{
    /// <summary>Runs <paramref name="action"/> for nodes of <paramref name="kinds"/> in the members of every GenServer, state machine and event handler type.</summary>
    public static void Register(
        CompilationStartAnalysisContext start,
        ArborSymbols arbor,
        Action<SyntaxNodeAnalysisContext, ProcessFindings> action,
        params SyntaxKind[] kinds)
    {
        var kindArray = ImmutableArray.Create(kinds);
        start.RegisterSymbolStartAction(
            symbolStart =>
            {
                var type = (INamedTypeSymbol)symbolStart.Symbol;
                if (!arbor.IsProcessCode(type))
                {
                    return;
                }

                var scope = new ProcessCodeScope(type);
                symbolStart.RegisterSyntaxNodeAction(
                    context =>
                    {
                        var member = MemberOf(context.ContainingSymbol, type);
                        if (member is not null)
                        {
                            action(context, new ProcessFindings(scope, member));
                        }
                    },
                    kindArray);
                symbolStart.RegisterSymbolEndAction(end =>
                    scope.ReportReachable(member => IsProcessEntryPoint(arbor, member), end.ReportDiagnostic, end.CancellationToken));
            },
            SymbolKind.NamedType);
    }

    /// <summary>Handlers, callback overrides, instance constructors and instance field/property code run in the process.</summary>
    public static bool IsProcessEntryPoint(ArborSymbols arbor, ISymbol member) => member switch
    {
        IMethodSymbol { MethodKind: MethodKind.Constructor, IsStatic: false } => true,
        IMethodSymbol method => arbor.GetHandlerKind(method) != HandlerKind.None,
        IFieldSymbol { IsStatic: false, IsImplicitlyDeclared: false } => true,      // instance field initializers run in init
        IPropertySymbol { IsStatic: false } => true,                              // only the process holds the instance
        _ => false,
    };

    /// <summary>The member of <paramref name="type"/> that contains the code (accessors map to their property), or null for nested types.</summary>
    private static ISymbol? MemberOf(ISymbol? symbol, INamedTypeSymbol type)
    {
        while (symbol is not null && !SymbolEqualityComparer.Default.Equals(symbol.ContainingSymbol, type))
        {
            if (symbol is INamedTypeSymbol)
            {
                return null; // code of a nested type is not this process's code
            }

            symbol = symbol.ContainingSymbol;
        }

        return symbol is IMethodSymbol { AssociatedSymbol: { } property } ? property : symbol;
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

    /// <summary>The member whose code is being analysed.</summary>
    public ISymbol Member { get; }

    /// <summary>Reports <paramref name="diagnostic"/> if <see cref="Member"/> runs inside the process.</summary>
    public void Report(Diagnostic diagnostic) => _scope.AddFinding(Member, diagnostic);
}
