using Arbor.Distribution.Terms;

namespace Arbor.Cluster.Replication;

/// <summary>
/// The protocol between the replicators of one value, as Erlang terms sent to the process registered as
/// <see cref="ServiceName"/> on each member:
/// <list type="bullet">
/// <item><c>{arbor_crdt, delta, From, Incarnation, Seq, Delta}</c> — the sender's local changes of one delta interval;
/// <c>Seq</c> counts them per incarnation, so a receiver sees a gap (or a restarted sender) and asks for the state.</item>
/// <item><c>{arbor_crdt, state, From, Incarnation, Seq, ReplyWanted, State}</c> — the sender's whole replica, which
/// includes its deltas up to <c>Seq</c>; sent when a member (re)joins and on request. <c>ReplyWanted</c> asks for
/// the receiver's state back (a replicator that starts after its peers gets theirs that way).</item>
/// <item><c>{arbor_crdt, need_state, From}</c> — asks for a state after a gap.</item>
/// </list>
/// </summary>
internal static class ReplicationWire
{
    public static readonly Atom Tag = Atom.Of("arbor_crdt");
    public static readonly Atom Delta = Atom.Of("delta");
    public static readonly Atom State = Atom.Of("state");
    public static readonly Atom NeedState = Atom.Of("need_state");

    /// <summary>The registered name of the replicator of <paramref name="name"/>.</summary>
    public static string ServiceName(string name) => "arbor_crdt:" + name;

    public static ErlangTuple DeltaOf(Pid from, long incarnation, long seq, object delta) => new(Tag, Delta, from, incarnation, seq, delta);

    public static ErlangTuple StateOf(Pid from, long incarnation, long seq, bool replyWanted, object state) =>
        new(Tag, State, from, incarnation, seq, replyWanted, state);

    public static ErlangTuple NeedStateOf(Pid from) => new(Tag, NeedState, from);
}
