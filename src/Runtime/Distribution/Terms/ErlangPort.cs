namespace Arbor.Distribution.Terms;

/// <summary>An Erlang port identifier (the term format's PORT/NEW_PORT/V4_PORT).</summary>
/// <param name="Node">The node the port lives on.</param>
/// <param name="Id">The port number (64 bits with V4_PORT).</param>
/// <param name="Creation">The node incarnation.</param>
public readonly record struct ErlangPort(Atom Node, ulong Id, uint Creation)
{
    /// <summary>The port as <c>#Port&lt;node.Id&gt;</c>.</summary>
    public override string ToString() => $"#Port<{Node}.{Id}>";
}
