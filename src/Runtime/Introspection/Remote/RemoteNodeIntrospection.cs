using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Arbor.Distribution;
using Arbor.Distribution.Terms;

namespace Arbor.Introspection.Remote;

/// <summary>
/// The introspection views of another node (<see cref="NodeIntrospection.OfNode"/>), read from its introspection service
/// over distribution: the same records as the local views, pids being remote pids (<see cref="Pid.Id"/> is the process's
/// serial on its own node). The other node must serve them (<see cref="NodeIntrospection.ServeRemoteAsync"/>); a node
/// that does not fails every call with <see cref="NoProcessException"/>. Calls fail as any remote call does
/// (<see cref="CallTimeoutException"/>, <see cref="ProcessExitedException"/> with <c>noconnection</c>), and with
/// <see cref="RemoteReplyException"/> when the answer is not what the service sends.
/// </summary>
public sealed class RemoteNodeIntrospection
{
    private readonly ArborNode _node;
    private readonly TimeSpan _timeout;

    internal RemoteNodeIntrospection(ArborNode node, string nodeName, TimeSpan timeout)
    {
        _node = node;
        NodeName = nodeName;
        _timeout = timeout;
    }

    /// <summary>The node these views are of.</summary>
    public string NodeName { get; }

    /// <summary>Whether that node allows destructive actions from other nodes (<see cref="RemoteIntrospectionOptions.AllowDestructiveActions"/>).</summary>
    public async Task<bool> AllowsActionsAsync()
    {
        var reply = await CallAsync(IntrospectionRequests.Describe).ConfigureAwait(false);
        return Read(reply, term => term is ErlangMap map && map.TryGetValue(Atom.Of("allow_actions"), out var allow) && (allow is true || (allow is Atom a && a == Atom.True)));
    }

    /// <summary>Its counters (<see cref="NodeIntrospection.GetCounters"/>).</summary>
    public async Task<NodeCounters> GetCountersAsync() =>
        Read(await CallAsync(IntrospectionRequests.Counters).ConfigureAwait(false), IntrospectionTermReader.Counters);

    /// <summary>Its most recent crash and supervisor reports, newest first, at most <paramref name="max"/> (up to 1000).</summary>
    public async Task<IReadOnlyList<CrashRecord>> RecentCrashesAsync(int max = 200) =>
        Read(await CallAsync(new ErlangTuple(IntrospectionRequests.Crashes, (long)Math.Clamp(max, 0, IntrospectionRequests.MaxItems))).ConfigureAwait(false),
            term => IntrospectionTermReader.ListOf(term, IntrospectionTermReader.Crash));

    /// <summary>One page of its process table (<see cref="NodeIntrospection.ListProcesses"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The query's offset or limit is out of range.</exception>
    public async Task<ProcessPage> ListProcessesAsync(ProcessQuery? query = null)
    {
        query ??= new ProcessQuery();
        query.Validate();
        var request = new ErlangTuple(
            IntrospectionRequests.Processes,
            string.IsNullOrEmpty(query.Filter) ? Atom.Undefined : query.Filter,
            query.SortBy.ToString(),
            query.Descending,
            (long)query.Offset,
            (long)query.Limit);
        return Read(await CallAsync(request).ConfigureAwait(false), IntrospectionTermReader.Page);
    }

    /// <summary>Its process with serial <paramref name="serial"/> in full, or null when it is not alive there.</summary>
    public async Task<ProcessDetails?> GetProcessAsync(long serial) =>
        Read(await CallAsync(new ErlangTuple(IntrospectionRequests.Process, serial)).ConfigureAwait(false),
            term => IsUndefined(term) ? null : IntrospectionTermReader.Details(term));

    /// <summary>Its supervision trees, at most <paramref name="maxChildrenPerSupervisor"/> children of each supervisor (up to 1000).</summary>
    public async Task<IReadOnlyList<SupervisorSnapshot>> GetSupervisionTreeAsync(int maxChildrenPerSupervisor = 100) =>
        Read(await CallAsync(new ErlangTuple(IntrospectionRequests.Tree, (long)Math.Clamp(maxChildrenPerSupervisor, 1, IntrospectionRequests.MaxItems))).ConfigureAwait(false),
            term => IntrospectionTermReader.ListOf(term, IntrospectionTermReader.Supervisor));

    /// <summary>Its supervisor with serial <paramref name="serial"/> and a window of its children, or null when there is none.</summary>
    public async Task<SupervisorSnapshot?> GetSupervisorAsync(long serial, int childOffset, int childLimit) =>
        Read(await CallAsync(new ErlangTuple(IntrospectionRequests.Supervisor, serial, (long)Math.Max(0, childOffset), (long)Math.Clamp(childLimit, 1, IntrospectionRequests.MaxItems))).ConfigureAwait(false),
            term => IsUndefined(term) ? null : IntrospectionTermReader.Supervisor(term));

    /// <summary>Kills its process <paramref name="serial"/>, if that node allows actions; <paramref name="user"/> is named in its log.</summary>
    public Task<RemoteActionResult> KillAsync(long serial, string? user = null) =>
        ActAsync(new ErlangTuple(IntrospectionRequests.Kill, serial, User(user)));

    /// <summary>
    /// Terminates child <paramref name="childId"/> of its supervisor <paramref name="supervisorSerial"/> (a dynamic
    /// supervisor's child by <paramref name="childSerial"/>), if that node allows actions.
    /// </summary>
    public Task<RemoteActionResult> TerminateChildAsync(long supervisorSerial, string childId, long? childSerial = null, string? user = null) =>
        ActAsync(new ErlangTuple(IntrospectionRequests.TerminateChild, supervisorSerial, childId, childSerial is { } c ? c : Atom.Undefined, User(user)));

    /// <summary>Restarts child <paramref name="childId"/> of its supervisor <paramref name="supervisorSerial"/> (terminating it first when it runs), if that node allows actions.</summary>
    public Task<RemoteActionResult> RestartChildAsync(long supervisorSerial, string childId, string? user = null) =>
        ActAsync(new ErlangTuple(IntrospectionRequests.RestartChild, supervisorSerial, childId, User(user)));

    private async Task<RemoteActionResult> ActAsync(ErlangTuple request)
    {
        var reply = await CallAsync(request).ConfigureAwait(false);
        return Read(reply, term => term is ErlangTuple { Count: 2 } t && t[0] is Atom status
            ? new RemoteActionResult(status == Atom.Ok, IntrospectionTermReader.TextOf(t[1]), status == IntrospectionRequests.Refused)
            : throw new FormatException("An action's reply is {Status, Outcome}."));
    }

    private Task<object?> CallAsync(object request) => _node.CallAsync(NodeIntrospection.RemoteServiceName, NodeName, request, _timeout);

    private T Read<T>(object? reply, Func<object, T> read)
    {
        var term = reply ?? Atom.Nil;
        if (term is ErlangTuple { Count: 2 } error && error[0] is Atom e && e == Atom.Error)
        {
            throw new RemoteReplyException(_node.Whereis(NodeIntrospection.RemoteServiceName, NodeName), "introspection", term);
        }

        try
        {
            return read(term);
        }
        catch (FormatException)
        {
            throw new RemoteReplyException(_node.Whereis(NodeIntrospection.RemoteServiceName, NodeName), "introspection", term);
        }
    }

    private static bool IsUndefined(object term) => term is Atom a && (a == Atom.Undefined || a == Atom.Nil);

    private static object User(string? user) => string.IsNullOrEmpty(user) ? Atom.Undefined : user;
}
