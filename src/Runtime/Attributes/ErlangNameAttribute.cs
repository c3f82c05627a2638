using System;

namespace Arbor;

/// <summary>
/// Overrides the atom a remote GenServer's handler, a mapped type's property or an enum member is known by in Erlang
/// terms. By default the C# name is converted to snake_case (<c>GetAll</c> → <c>get_all</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Property | AttributeTargets.Field, Inherited = false, AllowMultiple = false)]
public sealed class ErlangNameAttribute : Attribute
{
    /// <summary>Names the atom.</summary>
    /// <param name="name">The atom's name, as Erlang spells it (without quotes).</param>
    public ErlangNameAttribute(string name) => Name = name;

    /// <summary>The atom's name.</summary>
    public string Name { get; }
}
