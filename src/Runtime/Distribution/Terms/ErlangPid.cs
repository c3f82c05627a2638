namespace Arbor.Distribution.Terms;

/// <summary>
/// An Erlang process identifier as the external term format carries it: the node's name, the process number and serial,
/// and the node's creation (which incarnation of the node). Arbor's own <c>Pid</c> is mapped to and from this at the
/// connection boundary.
/// </summary>
/// <param name="Node">The node the process lives on.</param>
/// <param name="Id">The process number (15 significant bits in classic pids, 32 with NEW_PID).</param>
/// <param name="Serial">The serial (13 significant bits in classic pids, 32 with NEW_PID).</param>
/// <param name="Creation">The node incarnation.</param>
public readonly record struct ErlangPid(Atom Node, uint Id, uint Serial, uint Creation)
{
    /// <summary>The pid as Erlang's <c>io:format("~p")</c> prints a remote pid, with the node spelled out:
    /// <c>&lt;node.Id.Serial&gt;</c>.</summary>
    public override string ToString() => $"<{Node}.{Id}.{Serial}>";
}
