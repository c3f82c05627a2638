using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Arbor.Analyzers;

/// <summary>
/// The names a GenServer type is registered under in this compilation, read from the <c>name:</c> argument of its
/// generated <c>ChildSpec(...)</c>, <c>StartAsync(...)</c> and <c>StartLinkAsync(...)</c> calls (a string literal, or a
/// constant of the server). Computed from syntax, once per type, and only when a rule asks (a lookup by name inside
/// the server itself), so an ordinary build never pays for it.
/// </summary>
internal sealed class RegisteredNames
{
    private static readonly HashSet<string> s_startMethods = new(StringComparer.Ordinal) { "ChildSpec", "StartAsync", "StartLinkAsync" };

    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<INamedTypeSymbol, Registration> _byType = new(SymbolEqualityComparer.Default);

    public RegisteredNames(Compilation compilation) => _compilation = compilation;

    /// <summary>The only name <paramref name="server"/> is registered under, or null when there is none, several, or one not known at compile time.</summary>
    public string? OnlyNameOf(INamedTypeSymbol server, CancellationToken cancellationToken) =>
        _byType.GetOrAdd(server.OriginalDefinition, type => Collect(type, cancellationToken)).OnlyName;

    private Registration Collect(INamedTypeSymbol server, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var unknown = false;
        foreach (var tree in _compilation.SyntaxTrees)
        {
            var root = tree.GetRoot(cancellationToken);
            foreach (var node in root.DescendantNodes())
            {
                if (node is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation
                    || !s_startMethods.Contains(access.Name.Identifier.ValueText)
                    || SyntaxNames.NameOf(access.Expression) != server.Name)
                {
                    continue;
                }

                foreach (var argument in invocation.ArgumentList.Arguments)
                {
                    if (argument.NameColon?.Name.Identifier.ValueText != "name")
                    {
                        continue;
                    }

                    if (ConstantName(argument.Expression, server) is { } name)
                    {
                        names.Add(name);
                    }
                    else
                    {
                        unknown = true;
                    }
                }
            }
        }

        return new Registration(!unknown && names.Count == 1 ? First(names) : null);
    }

    /// <summary>A string literal, or a string constant of the server (<c>Name</c>, <c>Ledger.Name</c>).</summary>
    private static string? ConstantName(ExpressionSyntax expression, INamedTypeSymbol server)
    {
        if (expression is LiteralExpressionSyntax { Token.Value: string literal })
        {
            return literal;
        }

        if (SyntaxNames.NameOf(expression) is { } identifier)
        {
            foreach (var member in server.GetMembers(identifier))
            {
                if (member is IFieldSymbol { IsConst: true, ConstantValue: string constant })
                {
                    return constant;
                }
            }
        }

        return null;
    }

    private static string First(HashSet<string> names)
    {
        foreach (var name in names)
        {
            return name;
        }

        throw new InvalidOperationException("empty set");
    }

    private sealed class Registration
    {
        public Registration(string? onlyName) => OnlyName = onlyName;

        public string? OnlyName { get; }
    }
}
