using System.Collections.Generic;
using Arbor.Distribution.Terms;

namespace Arbor.Cluster.Groups;

/// <summary>
/// OTP <c>pg</c>'s messages between scope processes (each registered under the scope's name on its node), so an Arbor
/// scope and an Erlang <c>pg</c> scope of the same name share groups:
/// <c>{discover, Peer}</c> (a scope asks another for its members and to be watched),
/// <c>{'$gen_cast', {sync, Peer, [{Group, [Pid]}]}}</c> (all of a scope's local members, replacing what the receiver knew),
/// <c>{join, Peer, Group, PidOrPids}</c> and <c>{leave, Peer, PidOrPids, [Group]}</c>.
/// </summary>
internal static class PgWire
{
    public static readonly Atom Discover = Atom.Of("discover");
    public static readonly Atom Sync = Atom.Of("sync");
    public static readonly Atom Join = Atom.Of("join");
    public static readonly Atom Leave = Atom.Of("leave");

    public static ErlangTuple DiscoverOf(Pid self) => new(Discover, self);

    public static ErlangTuple SyncOf(Pid self, IEnumerable<KeyValuePair<object, List<Pid>>> groups)
    {
        var entries = new List<object>();
        foreach (var (group, pids) in groups)
        {
            entries.Add(new ErlangTuple(group, PidList(pids)));
        }

        return new ErlangTuple(Sync, self, new ErlangList(entries));
    }

    public static ErlangTuple JoinOf(Pid self, object group, IReadOnlyList<Pid> pids) => new(Join, self, group, PidList(pids));

    public static ErlangTuple LeaveOf(Pid self, IReadOnlyList<Pid> pids, IReadOnlyList<object> groups) =>
        new(Leave, self, PidList(pids), new ErlangList(new List<object>(groups)));

    /// <summary>A pid or a proper list of pids (pg sends either); false for anything else.</summary>
    public static bool TryReadPids(object term, out List<Pid> pids)
    {
        pids = [];
        if (term is Pid single)
        {
            pids.Add(single);
            return true;
        }

        if (term is not ErlangList { IsProper: true } list)
        {
            return false;
        }

        foreach (var element in list.Elements)
        {
            if (element is not Pid pid)
            {
                return false;
            }

            pids.Add(pid);
        }

        return true;
    }

    /// <summary>A sync's <c>[{Group, [Pid]}]</c>; false when malformed.</summary>
    public static bool TryReadSync(object term, out List<(object Group, List<Pid> Pids)> groups)
    {
        groups = [];
        if (term is not ErlangList { IsProper: true } list)
        {
            return false;
        }

        foreach (var element in list.Elements)
        {
            if (element is not ErlangTuple { Count: 2 } entry || !TryReadPids(entry[1], out var pids))
            {
                return false;
            }

            groups.Add((entry[0], pids));
        }

        return true;
    }

    private static ErlangList PidList(IEnumerable<Pid> pids)
    {
        var elements = new List<object>();
        foreach (var pid in pids)
        {
            elements.Add(pid);
        }

        return new ErlangList(elements);
    }
}
