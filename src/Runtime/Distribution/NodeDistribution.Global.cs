using Arbor.Distribution.Connections;
using Arbor.Distribution.Control;
using Arbor.Distribution.Terms;
using Microsoft.Extensions.Logging;

namespace Arbor.Distribution;

/// <summary>
/// The little of Erlang's <c>global</c> a visible node must speak. When a visible node connects, <c>global</c> on the
/// Erlang side casts <c>{init_connect, ...}</c> to <c>global_name_server</c> on it and counts the node as unsynchronised
/// until the exchange of global names completes; <c>global:sync()</c> waits for that. Arbor keeps no global names of
/// Erlang's, so it answers at once with <c>{in_sync, ThisNode, true}</c>, the message <c>global</c> itself uses for a
/// node it has nothing to exchange with: the peer marks this node synchronised and stops its attempt. This node then
/// counts in <c>global:sync()</c> but never holds or resolves Erlang global names.
/// </summary>
internal sealed partial class NodeDistribution
{
    /// <summary>Answers a cast to <c>global_name_server</c>; true if the message was <c>global</c>'s and is handled.</summary>
    private bool TryAnswerGlobal(Connection connection, object message)
    {
        if (message is not ErlangTuple { Count: 2 } cast || cast[0] is not Atom tag || tag != ControlAtoms.GenCast)
        {
            return false;
        }

        if (cast[1] is ErlangTuple { Count: 4 } request && request[0] is Atom kind && kind == GlobalAtoms.InitConnect)
        {
            Logger.LogDebug("global on {Peer} opened its name synchronisation; answered in_sync", connection.PeerName);
            var inSync = new ErlangTuple(ControlAtoms.GenCast, new ErlangTuple(GlobalAtoms.InSync, SelfAtom, Atom.True));
            Enqueue(connection, new ErlangTuple(ControlTag.RegSend, ToWire(NodePid), ControlAtoms.Empty, GlobalAtoms.NameServer), inSync);
        }

        // Everything else of global's (lost_connection, cancel_connect, ...) concerns nodes in its name exchange, which
        // this node never joins: dropped.
        return true;
    }
}
