using Arbor.Distribution.Terms;

namespace Arbor.Introspection.Remote;

/// <summary>
/// The requests the introspection service answers, as Erlang terms (so any node can ask, an Erlang shell included):
/// <code>
/// describe                                  -> #{node, allow_actions}
/// counters                                  -> #{taken_at, process_count, ...}
/// {crashes, Max}                            -> [#{at, kind, pid, ...}]
/// {processes, Filter, Sort, Desc, Offset, Limit} -> #{total, rows}
/// {process, Serial}                         -> #{summary, parent, ...} | undefined
/// {tree, MaxChildrenPerSupervisor}          -> [#{pid, strategy, children, ...}]
/// {supervisor, Serial, Offset, Limit}       -> #{...} | undefined
/// {kill, Serial, User}                      -> {ok | error | refused, Outcome}
/// {terminate_child, Serial, ChildId, ChildSerial | undefined, User} -> same
/// {restart_child, Serial, ChildId, User}    -> same
/// </code>
/// Serials are the processes' local ids on the answering node (<see cref="Pid.Id"/>); texts are UTF-8 binaries.
/// </summary>
internal static class IntrospectionRequests
{
    public static readonly Atom Describe = Atom.Of("describe");
    public static readonly Atom Counters = Atom.Of("counters");
    public static readonly Atom Crashes = Atom.Of("crashes");
    public static readonly Atom Processes = Atom.Of("processes");
    public static readonly Atom Process = Atom.Of("process");
    public static readonly Atom Tree = Atom.Of("tree");
    public static readonly Atom Supervisor = Atom.Of("supervisor");
    public static readonly Atom Kill = Atom.Of("kill");
    public static readonly Atom TerminateChild = Atom.Of("terminate_child");
    public static readonly Atom RestartChild = Atom.Of("restart_child");
    public static readonly Atom Refused = Atom.Of("refused");

    /// <summary>The most rows or crashes one request may ask for (bounds the reply a peer can make this node build).</summary>
    public const int MaxItems = 1000;
}
