using System.Collections.Generic;
using Arbor.Distribution.Terms;

namespace Arbor.Cluster.Membership;

/// <summary>
/// The membership protocol between nodes, as Erlang terms sent to the process registered as <see cref="ServiceName"/> on
/// each node: <c>{arbor_cluster, hello, From, [Node]}</c> announces a member and the members it knows (so the mesh closes
/// transitively), <c>{arbor_cluster, leave, From}</c> says goodbye and <c>{arbor_cluster, bye, From}</c> acknowledges it.
/// </summary>
internal static class MembershipWire
{
    public const string ServiceName = "arbor_cluster";

    public static readonly Atom Tag = Atom.Of("arbor_cluster");
    public static readonly Atom Hello = Atom.Of("hello");
    public static readonly Atom Leave = Atom.Of("leave");
    public static readonly Atom Bye = Atom.Of("bye");

    public static ErlangTuple HelloOf(Pid from, IEnumerable<string> members)
    {
        var names = new List<object>();
        foreach (var member in members)
        {
            names.Add(Atom.Of(member));
        }

        return new ErlangTuple(Tag, Hello, from, new ErlangList(names));
    }

    public static ErlangTuple LeaveOf(Pid from) => new(Tag, Leave, from);

    public static ErlangTuple ByeOf(Pid from) => new(Tag, Bye, from);

    /// <summary>Recognises a membership message; anything else (or a malformed one) is not ours.</summary>
    public static bool TryRead(object message, out Atom kind, out Pid from, out List<string> members)
    {
        kind = default;
        from = Pid.None;
        members = [];
        if (message is not ErlangTuple { Count: >= 3 } tuple || tuple[0] is not Atom tag || tag != Tag ||
            tuple[1] is not Atom what || tuple[2] is not Pid sender || !sender.IsRemote)
        {
            return false;
        }

        kind = what;
        from = sender;
        if (what == Hello && tuple.Count == 4 && tuple[3] is ErlangList list)
        {
            foreach (var element in list.Elements)
            {
                if (element is Atom name)
                {
                    members.Add(name.Name);
                }
            }
        }

        return true;
    }
}
