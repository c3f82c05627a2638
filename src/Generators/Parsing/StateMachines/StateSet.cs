using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Arbor.Generators.Parsing.StateMachines;

/// <summary>
/// The members of a state machine's state enum, and the reading of state arguments in attributes and <c>GoTo</c> calls
/// (constants of the enum) back into member names.
/// </summary>
internal sealed class StateSet
{
    private readonly INamedTypeSymbol _enum;
    private readonly List<IFieldSymbol> _members;

    public StateSet(INamedTypeSymbol stateEnum)
    {
        _enum = stateEnum;
        _members = stateEnum.GetMembers().OfType<IFieldSymbol>().Where(field => field.HasConstantValue).ToList();
    }

    /// <summary>The member names in declaration order; members sharing a value keep only the first name.</summary>
    public IReadOnlyList<string> Names => _members
        .Where(member => NameOf(member.ConstantValue) == member.Name)
        .Select(member => member.Name)
        .ToList();

    /// <summary>The member's declaration, for diagnostics about a state.</summary>
    public Location? LocationOf(string name) => _members.FirstOrDefault(member => member.Name == name)?.Locations.FirstOrDefault();

    /// <summary>The member name for a constant of the enum's underlying type, or null when no member has that value.</summary>
    public string? NameOf(object? value)
    {
        if (value is null)
        {
            return null;
        }

        foreach (var member in _members)
        {
            // Enum constants, in attributes and in code, are values of the underlying type, as the members' are.
            if (Equals(member.ConstantValue, value))
            {
                return member.Name;
            }
        }

        return null;
    }

    /// <summary>
    /// The states named by an attribute argument array (a <c>params object[]</c>). Returns false, with the offending
    /// argument in <paramref name="problem"/>, when one is not a member of the state enum.
    /// </summary>
    public bool TryRead(TypedConstant array, List<string> states, out string? problem)
    {
        problem = null;
        if (array.Kind != TypedConstantKind.Array || array.IsNull)
        {
            return true;
        }

        foreach (var value in array.Values)
        {
            var name = SymbolEqualityComparer.Default.Equals(value.Type, _enum) ? NameOf(value.Value) : null;
            if (name is null)
            {
                problem = value.Kind == TypedConstantKind.Error ? "an argument that does not compile"
                    : value.Type is { } other ? $"'{value.Value}' of type {other.Name}"
                    : "null";
                return false;
            }

            if (!states.Contains(name))
            {
                states.Add(name);
            }
        }

        return true;
    }
}
