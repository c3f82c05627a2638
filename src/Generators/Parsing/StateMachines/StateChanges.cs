using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Arbor.Generators.Parsing.StateMachines;

/// <summary>
/// Finds the <c>GoTo(...)</c> calls in a method's code and the states they name, so the parser can draw the diagram,
/// tell which states have a way in and catch enter handlers that change state. Only constant arguments name a state;
/// any other argument makes the targets unknown.
/// </summary>
internal sealed class StateChanges
{
    private readonly Compilation _compilation;
    private readonly INamedTypeSymbol _stateMachineBase;
    private readonly StateSet _states;
    private readonly CancellationToken _cancellationToken;

    public StateChanges(Compilation compilation, INamedTypeSymbol stateMachineBase, StateSet states, CancellationToken cancellationToken)
    {
        _compilation = compilation;
        _stateMachineBase = stateMachineBase;
        _states = states;
        _cancellationToken = cancellationToken;
    }

    /// <summary>True once some GoTo was called with a state that is not a constant.</summary>
    public bool HasUnknownTargets { get; private set; }

    /// <summary>The constant targets of the GoTo calls in <paramref name="method"/>'s declarations, with where each call is.</summary>
    public List<(string Target, Location Location)> In(IMethodSymbol method)
    {
        var found = new List<(string, Location)>();
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(_cancellationToken);
            SemanticModel? model = null;
            foreach (var invocation in syntax.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                var name = invocation.Expression switch
                {
                    IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                    MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                    _ => null,
                };
                if (name != "GoTo" || invocation.ArgumentList.Arguments.Count != 1)
                {
                    continue;
                }

                model ??= _compilation.GetSemanticModel(syntax.SyntaxTree);
                if (model.GetSymbolInfo(invocation, _cancellationToken).Symbol is not IMethodSymbol called
                    || !SymbolEqualityComparer.Default.Equals(called.ContainingType?.OriginalDefinition, _stateMachineBase))
                {
                    continue;
                }

                var constant = model.GetConstantValue(invocation.ArgumentList.Arguments[0].Expression, _cancellationToken);
                var target = constant.HasValue ? _states.NameOf(constant.Value) : null;
                if (target is null)
                {
                    HasUnknownTargets = true;
                    continue;
                }

                found.Add((target, invocation.GetLocation()));
            }
        }

        return found;
    }

    /// <summary>
    /// The initial state: the constant the constructor passes to <c>StateMachine&lt;TState&gt;(initial)</c>, in a
    /// constructor initializer or a primary constructor's base list. Null when it is not a constant member.
    /// </summary>
    public string? InitialState(INamedTypeSymbol type)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            var declaration = reference.GetSyntax(_cancellationToken);
            ExpressionSyntax? argument = null;
            if (declaration is TypeDeclarationSyntax { BaseList: { } baseList })
            {
                argument = baseList.Types.OfType<PrimaryConstructorBaseTypeSyntax>().FirstOrDefault()?.ArgumentList.Arguments.FirstOrDefault()?.Expression;
            }

            if (argument is null && declaration is TypeDeclarationSyntax typeDeclaration)
            {
                argument = typeDeclaration.Members.OfType<ConstructorDeclarationSyntax>()
                    .Where(constructor => constructor.Initializer is { ThisOrBaseKeyword.ValueText: "base" })
                    .Select(constructor => constructor.Initializer!.ArgumentList.Arguments.FirstOrDefault()?.Expression)
                    .FirstOrDefault(expression => expression is not null);
            }

            if (argument is not null)
            {
                var constant = _compilation.GetSemanticModel(argument.SyntaxTree).GetConstantValue(argument, _cancellationToken);
                return constant.HasValue ? _states.NameOf(constant.Value) : null;
            }
        }

        return null;
    }
}
