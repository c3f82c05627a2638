using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Arbor.Analyzers;

/// <summary>
/// For one GenServer type: what each member was found doing. At the end only findings in members that run inside the
/// process are reported: the handlers, init (constructors and instance initializers), instance properties, and whatever
/// members of the same type they reach. A static helper nobody in the process calls runs on its caller's thread, so it
/// is left alone.
/// </summary>
/// <remarks>
/// Reachability is by name, from syntax: a member reaches every member of the type whose name it mentions. That
/// over-approximates overloads a little, but needs no binding, and is only computed when a finding sits outside the
/// entry points — so analysing a clean GenServer costs nothing here.
/// </remarks>
internal sealed class ProcessCodeScope
{
    private readonly INamedTypeSymbol _type;
    private readonly ConcurrentBag<(ISymbol Member, Diagnostic Diagnostic)> _findings = new();

    public ProcessCodeScope(INamedTypeSymbol type) => _type = type;

    /// <summary>Records a finding in <paramref name="member"/>, reported only if the member turns out to run in the process.</summary>
    public void AddFinding(ISymbol member, Diagnostic diagnostic) => _findings.Add((member, diagnostic));

    /// <summary>Reports the findings of every member reachable from <paramref name="isRoot"/> members.</summary>
    public void ReportReachable(Func<ISymbol, bool> isRoot, Action<Diagnostic> report, CancellationToken cancellationToken)
    {
        HashSet<ISymbol>? reachable = null;
        foreach (var (member, diagnostic) in _findings)
        {
            if (isRoot(member))
            {
                report(diagnostic);
                continue;
            }

            reachable ??= Reachable(isRoot, cancellationToken);
            if (reachable.Contains(member))
            {
                report(diagnostic);
            }
        }
    }

    private HashSet<ISymbol> Reachable(Func<ISymbol, bool> isRoot, CancellationToken cancellationToken)
    {
        var byName = new Dictionary<string, List<ISymbol>>(StringComparer.Ordinal);
        var reachable = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var pending = new Stack<ISymbol>();
        foreach (var member in _type.GetMembers())
        {
            if (!byName.TryGetValue(member.Name, out var sameName))
            {
                byName[member.Name] = sameName = new List<ISymbol>();
            }

            sameName.Add(member);
            if (isRoot(member) && reachable.Add(member))
            {
                pending.Push(member);
            }
        }

        while (pending.Count > 0)
        {
            var current = pending.Pop();
            foreach (var reference in current.DeclaringSyntaxReferences)
            {
                foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
                {
                    if (node is SimpleNameSyntax name && byName.TryGetValue(name.Identifier.ValueText, out var targets))
                    {
                        foreach (var target in targets)
                        {
                            if (reachable.Add(target))
                            {
                                pending.Push(target);
                            }
                        }
                    }
                }
            }
        }

        return reachable;
    }
}
