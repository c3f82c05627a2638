using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Arbor.Analyzers;

/// <summary>
/// For one GenServer type: which of its members call which, and what each member was found doing. At the end only
/// findings in members that run inside the process are reported: the handlers, init (constructors and instance
/// initializers) and whatever members of the same type they reach. A public helper nobody calls from a handler runs on
/// its caller's thread, not in the process, so it is left alone.
/// </summary>
internal sealed class ProcessCodeScope
{
    private readonly INamedTypeSymbol _type;
    private readonly ConcurrentDictionary<ISymbol, ConcurrentBag<ISymbol>> _calls = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentBag<(ISymbol Member, Diagnostic Diagnostic)> _findings = new();

    public ProcessCodeScope(INamedTypeSymbol type) => _type = type;

    /// <summary>Records that <paramref name="from"/> uses <paramref name="to"/> (a call, a method group or a property access).</summary>
    public void AddEdge(ISymbol from, ISymbol? to)
    {
        if (to is null || !SymbolEqualityComparer.Default.Equals(to.ContainingType?.OriginalDefinition, _type.OriginalDefinition))
        {
            return;
        }

        _calls.GetOrAdd(Normalize(from), _ => new ConcurrentBag<ISymbol>()).Add(Normalize(to.OriginalDefinition));
    }

    /// <summary>Records a finding in <paramref name="member"/>, reported only if the member turns out to run in the process.</summary>
    public void AddFinding(ISymbol member, Diagnostic diagnostic) => _findings.Add((Normalize(member), diagnostic));

    /// <summary>Reports the findings of every member reachable from <paramref name="isRoot"/> members.</summary>
    public void ReportReachable(Func<ISymbol, bool> isRoot, Action<Diagnostic> report)
    {
        if (_findings.IsEmpty)
        {
            return;
        }

        var reachable = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var pending = new Stack<ISymbol>();
        foreach (var member in _type.GetMembers())
        {
            if (isRoot(member) && reachable.Add(Normalize(member)))
            {
                pending.Push(Normalize(member));
            }
        }

        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (_calls.TryGetValue(current, out var targets))
            {
                foreach (var target in targets)
                {
                    Visit(target, reachable, pending);
                }
            }
        }

        foreach (var (member, diagnostic) in _findings)
        {
            if (reachable.Contains(member))
            {
                report(diagnostic);
            }
        }
    }

    private static void Visit(ISymbol? symbol, HashSet<ISymbol> reachable, Stack<ISymbol> pending)
    {
        if (symbol is not null && reachable.Add(Normalize(symbol)))
        {
            pending.Push(Normalize(symbol));
        }
    }

    // Partial methods have two symbols; use the definition so calls and bodies meet.
    private static ISymbol Normalize(ISymbol symbol) =>
        symbol is IMethodSymbol { PartialDefinitionPart: { } definition } ? definition : symbol;
}
