using System.Collections.Generic;
using Arbor.Distribution.Terms;

namespace Arbor.Cluster.GlobalNames;

/// <summary>
/// The registry protocol between the <c>arbor_global</c> processes, as Erlang terms:
/// <c>{arbor_global, claim, From, Ref, Name, Stamp, Pid}</c> asks a member whether a name is free, answered by
/// <c>{arbor_global, claim_reply, Ref, Free, {Holder, HolderStamp, Replier}}</c>, and a failed claim is withdrawn with
/// <c>{arbor_global, release, From, Name}</c>; <c>{arbor_global, add, From, Name, Pid, Stamp}</c> and
/// <c>{arbor_global, remove, From, Name, Pid}</c> replicate the owner's changes; <c>{arbor_global, sync, From, [{Name, Pid, Stamp}]}</c>
/// carries all of the sender's names when a member (re)joins, replacing what the receiver knew of that node.
/// </summary>
internal static class GlobalWire
{
    public const string ServiceName = "arbor_global";

    public static readonly Atom Tag = Atom.Of("arbor_global");
    public static readonly Atom Claim = Atom.Of("claim");
    public static readonly Atom ClaimReply = Atom.Of("claim_reply");
    public static readonly Atom Add = Atom.Of("add");
    public static readonly Atom Remove = Atom.Of("remove");
    public static readonly Atom Sync = Atom.Of("sync");
    public static readonly Atom Release = Atom.Of("release");
    public static readonly Atom None = Atom.Of("none");
    public static readonly Atom ConflictReason = Atom.Of("global_name_conflict");

    public static ErlangTuple ClaimOf(Pid from, long reference, string name, long stamp, Pid pid) => new(Tag, Claim, from, reference, name, stamp, pid);

    /// <summary>The answer names the replier (so the claimer counts answers) and, when refused, the blocking holder and its stamp.</summary>
    public static ErlangTuple ClaimReplyOf(long reference, GlobalRegistration? blocker, string replier) =>
        new(Tag, ClaimReply, reference, blocker is null, new ErlangTuple(blocker?.Pid ?? (object)None, blocker?.Stamp ?? 0L, Atom.Of(replier)));

    public static ErlangTuple ReleaseOf(Pid from, string name) => new(Tag, Release, from, name);

    public static ErlangTuple AddOf(Pid from, GlobalRegistration registration) => new(Tag, Add, from, registration.Name, registration.Pid, registration.Stamp);

    public static ErlangTuple RemoveOf(Pid from, string name, Pid pid) => new(Tag, Remove, from, name, pid);

    public static ErlangTuple SyncOf(Pid from, IEnumerable<GlobalRegistration> owned)
    {
        var entries = new List<object>();
        foreach (var registration in owned)
        {
            entries.Add(new ErlangTuple(registration.Name, registration.Pid, registration.Stamp));
        }

        return new ErlangTuple(Tag, Sync, from, new ErlangList(entries));
    }

    /// <summary>A name on the wire: a binary (a C# string is sent as one) or an atom.</summary>
    public static string? NameOf(object term) => term switch
    {
        string text => text,
        byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
        Atom atom => atom.Name,
        _ => null,
    };
}
