using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading.Tasks;
using Arbor.Distribution;
using Arbor.Distribution.Terms;
using Arbor.Protocol;

namespace Arbor.Cluster.Groups;

/// <summary>
/// One scope of process groups on one node (OTP <c>pg</c>'s scope process), registered under the scope's name. It owns
/// the local members (monitoring each, so an exit removes it everywhere) and mirrors every other node's scope: a remote
/// scope is discovered on node-up, sends all its local members in a sync, then each join and leave; when its process
/// goes (exit or lost connection) all its members leave. Eventually consistent, no locks — as pg.
/// </summary>
internal sealed class ProcessGroupScope : GenServer
{
    private readonly ProcessGroups _handle;
    private readonly Dictionary<object, List<Pid>> _local = new(TermEqualityComparer.Default);
    private readonly Dictionary<Pid, (MonitorRef Monitor, List<object> Groups)> _localPids = new();
    private readonly Dictionary<Pid, (MonitorRef Monitor, Dictionary<object, List<Pid>> Groups)> _remote = new();
    private readonly Dictionary<object, List<Pid>> _groupWatchers = new(TermEqualityComparer.Default);
    private readonly List<Pid> _scopeWatchers = new();
    private readonly Dictionary<Pid, MonitorRef> _watcherMonitors = new();

    public ProcessGroupScope(ProcessGroups handle)
    {
        _handle = handle;
        if (Node.IsDistributed)
        {
            Node.MonitorNodes(Self);
            foreach (var peer in Node.ConnectedNodes)
            {
                Node.Send(_handle.Scope, peer, PgWire.DiscoverOf(Self));
            }
        }
    }

    protected override ValueTask HandleCallAsync(CallMessage call)
    {
        switch (call)
        {
            case JoinCall join:
                JoinLocal(join.Group, join.Pids);
                Reply(join, true);
                break;
            case LeaveGroupCall leave:
                Reply(leave, LeaveLocal(leave.Group, leave.Pids));
                break;
            case MonitorGroupCall monitor:
                Reply(monitor, OnMonitor(monitor));
                break;
            default:
                return base.HandleCallAsync(call);
        }

        return default;
    }

    protected override ValueTask HandleInfoAsync(object message)
    {
        switch (message)
        {
            case Down down:
                OnDown(down);
                break;
            case NodeUp up:
                Node.Send(_handle.Scope, up.Node, PgWire.DiscoverOf(Self));
                break;
            case NodeDown:
                break; // the remote scope's monitor reports the loss
            case RemoteCast { Request: ErlangTuple { Count: 3 } sync } when sync[0] is Atom tag && tag == PgWire.Sync && sync[1] is Pid peer:
                OnSync(peer, sync[2]);
                break;
            case ErlangTuple { Count: 2 } discover when discover[0] is Atom tag && tag == PgWire.Discover && discover[1] is Pid peer:
                OnDiscover(peer);
                break;
            case ErlangTuple { Count: 4 } join when join[0] is Atom tag && tag == PgWire.Join && join[1] is Pid peer:
                OnRemoteJoin(peer, join[2], join[3]);
                break;
            case ErlangTuple { Count: 4 } leave when leave[0] is Atom tag && tag == PgWire.Leave && leave[1] is Pid peer:
                OnRemoteLeave(peer, leave[2], leave[3]);
                break;
            default:
                return base.HandleInfoAsync(message);
        }

        return default;
    }

    private void JoinLocal(object group, IReadOnlyList<Pid> pids)
    {
        foreach (var pid in pids)
        {
            if (!_localPids.TryGetValue(pid, out var entry))
            {
                entry = (Monitor(pid), new List<object>());
                _localPids[pid] = entry;
            }

            entry.Groups.Add(group);
            ListOf(_local, group).Add(pid);
        }

        Refresh(group, joined: pids, left: null); // this node's view first: another node never knows more than the owner
        Broadcast(PgWire.JoinOf(Self, group, pids));
    }

    private bool LeaveLocal(object group, IReadOnlyList<Pid> pids)
    {
        var removed = new List<Pid>();
        foreach (var pid in pids)
        {
            if (_localPids.TryGetValue(pid, out var entry) && RemoveOne(entry.Groups, group))
            {
                RemoveOnePid(_local, group, pid);
                removed.Add(pid);
                if (entry.Groups.Count == 0)
                {
                    Demonitor(entry.Monitor, flush: true);
                    _localPids.Remove(pid);
                }
            }
        }

        if (removed.Count == 0)
        {
            return false;
        }

        Refresh(group, joined: null, left: removed);
        Broadcast(PgWire.LeaveOf(Self, removed, [group]));
        return true;
    }

    private void OnDown(Down down)
    {
        if (_localPids.TryGetValue(down.Pid, out var local) && local.Monitor == down.Ref)
        {
            _localPids.Remove(down.Pid);
            var groups = Distinct(local.Groups);
            foreach (var group in local.Groups)
            {
                RemoveOnePid(_local, group, down.Pid);
            }

            foreach (var group in groups)
            {
                Refresh(group, joined: null, left: Repeat(down.Pid, Count(local.Groups, group)));
            }

            Broadcast(PgWire.LeaveOf(Self, [down.Pid], local.Groups)); // with repeats, as pg: one removal per join

            return;
        }

        if (_remote.TryGetValue(down.Pid, out var remote) && remote.Monitor == down.Ref)
        {
            _remote.Remove(down.Pid);
            foreach (var (group, pids) in remote.Groups)
            {
                Refresh(group, joined: null, left: pids);
            }

            return;
        }

        if (_watcherMonitors.TryGetValue(down.Pid, out var watcher) && watcher == down.Ref)
        {
            _watcherMonitors.Remove(down.Pid);
            _scopeWatchers.RemoveAll(pid => pid == down.Pid);
            foreach (var watchers in _groupWatchers.Values)
            {
                watchers.RemoveAll(pid => pid == down.Pid);
            }
        }
    }

    /// <summary>pg's discover: answer with our local members; a scope we did not know is watched and asked back.</summary>
    private void OnDiscover(Pid peer)
    {
        if (!peer.IsRemote)
        {
            return;
        }

        Node.Cast(peer, PgWire.SyncOf(Self, _local));
        if (!_remote.ContainsKey(peer))
        {
            _remote[peer] = (Monitor(peer), new Dictionary<object, List<Pid>>(TermEqualityComparer.Default));
            peer.Send(PgWire.DiscoverOf(Self));
        }
    }

    /// <summary>pg's sync: the peer's complete local membership replaces what we knew of it.</summary>
    private void OnSync(Pid peer, object groupsTerm)
    {
        if (!peer.IsRemote || !PgWire.TryReadSync(groupsTerm, out var groups))
        {
            return;
        }

        if (!_remote.TryGetValue(peer, out var remote))
        {
            remote = (Monitor(peer), new Dictionary<object, List<Pid>>(TermEqualityComparer.Default));
            _remote[peer] = remote;
        }

        var old = new Dictionary<object, List<Pid>>(remote.Groups, TermEqualityComparer.Default);
        remote.Groups.Clear();
        foreach (var (group, pids) in groups)
        {
            ListOf(remote.Groups, group).AddRange(pids);
        }

        var touched = new HashSet<object>(old.Keys, TermEqualityComparer.Default);
        touched.UnionWith(remote.Groups.Keys);
        foreach (var group in touched)
        {
            var before = old.TryGetValue(group, out var b) ? b : [];
            var after = remote.Groups.TryGetValue(group, out var a) ? a : [];
            Refresh(group, joined: Minus(after, before), left: Minus(before, after));
        }
    }

    private void OnRemoteJoin(Pid peer, object group, object pidsTerm)
    {
        if (_remote.TryGetValue(peer, out var remote) && PgWire.TryReadPids(pidsTerm, out var pids))
        {
            ListOf(remote.Groups, group).AddRange(pids);
            Refresh(group, joined: pids, left: null);
        }
    }

    private void OnRemoteLeave(Pid peer, object pidsTerm, object groupsTerm)
    {
        if (!_remote.TryGetValue(peer, out var remote) || !PgWire.TryReadPids(pidsTerm, out var pids) ||
            groupsTerm is not ErlangList { IsProper: true } groups)
        {
            return;
        }

        // A group listed twice (a process that joined it twice) removes the pid twice; watchers hear one change per group.
        var left = new Dictionary<object, List<Pid>>(TermEqualityComparer.Default);
        foreach (var group in groups.Elements)
        {
            foreach (var pid in pids)
            {
                if (RemoveOnePid(remote.Groups, group, pid))
                {
                    ListOf(left, group).Add(pid);
                }
            }
        }

        foreach (var (group, removed) in left)
        {
            Refresh(group, joined: null, left: removed);
        }
    }

    private IReadOnlyList<Pid> OnMonitor(MonitorGroupCall call)
    {
        if (!call.Monitor)
        {
            if (call.Group is null)
            {
                _scopeWatchers.Remove(call.Watcher);
            }
            else if (_groupWatchers.TryGetValue(call.Group, out var watchers))
            {
                watchers.Remove(call.Watcher);
            }

            return [];
        }

        if (!_watcherMonitors.ContainsKey(call.Watcher))
        {
            _watcherMonitors[call.Watcher] = Monitor(call.Watcher);
        }

        if (call.Group is null)
        {
            _scopeWatchers.Add(call.Watcher);
            return [];
        }

        ListOf(_groupWatchers, call.Group).Add(call.Watcher);
        return GroupView.Read(_handle.View.All, call.Group);
    }

    /// <summary>Publishes the group's new member lists and tells its watchers what changed.</summary>
    private void Refresh(object group, IReadOnlyList<Pid>? joined, IReadOnlyList<Pid>? left)
    {
        var all = ImmutableArray.CreateBuilder<Pid>();
        var local = _local.TryGetValue(group, out var localPids) ? localPids : null;
        if (local is not null)
        {
            all.AddRange(local);
        }

        foreach (var remote in _remote.Values)
        {
            if (remote.Groups.TryGetValue(group, out var pids))
            {
                all.AddRange(pids);
            }
        }

        var view = _handle.View;
        var allMap = all.Count == 0 ? view.All.Remove(group) : view.All.SetItem(group, all.ToImmutable());
        var localMap = local is null || local.Count == 0 ? view.Local.Remove(group) : view.Local.SetItem(group, [.. local]);
        _handle.View = new GroupView(allMap, localMap);

        if (joined is { Count: > 0 })
        {
            Notify(new GroupJoined(_handle.Scope, group, joined));
        }

        if (left is { Count: > 0 })
        {
            Notify(new GroupLeft(_handle.Scope, group, left));
        }
    }

    private void Notify(GroupChange change)
    {
        foreach (var watcher in _scopeWatchers)
        {
            watcher.Send(change);
        }

        if (_groupWatchers.TryGetValue(change.Group, out var watchers))
        {
            foreach (var watcher in watchers)
            {
                watcher.Send(change);
            }
        }
    }

    private void Broadcast(object message)
    {
        foreach (var peer in _remote.Keys)
        {
            peer.Send(message);
        }
    }

    private static List<Pid> ListOf(Dictionary<object, List<Pid>> groups, object group)
    {
        if (!groups.TryGetValue(group, out var list))
        {
            groups[group] = list = new List<Pid>();
        }

        return list;
    }

    private static bool RemoveOnePid(Dictionary<object, List<Pid>> groups, object group, Pid pid)
    {
        if (!groups.TryGetValue(group, out var list) || !list.Remove(pid))
        {
            return false;
        }

        if (list.Count == 0)
        {
            groups.Remove(group);
        }

        return true;
    }

    private static bool RemoveOne(List<object> groups, object group)
    {
        var index = groups.FindIndex(g => TermEqualityComparer.Default.Equals(g, group));
        if (index < 0)
        {
            return false;
        }

        groups.RemoveAt(index);
        return true;
    }

    private static List<object> Distinct(List<object> groups) => new(new HashSet<object>(groups, TermEqualityComparer.Default));

    private static int Count(List<object> groups, object group) => groups.FindAll(g => TermEqualityComparer.Default.Equals(g, group)).Count;

    private static List<Pid> Repeat(Pid pid, int count)
    {
        var list = new List<Pid>(count);
        for (var i = 0; i < count; i++)
        {
            list.Add(pid);
        }

        return list;
    }

    /// <summary>The elements of <paramref name="a"/> not matched one-for-one in <paramref name="b"/> (multiset difference).</summary>
    private static List<Pid> Minus(List<Pid> a, List<Pid> b)
    {
        var rest = new List<Pid>(b);
        var result = new List<Pid>();
        foreach (var pid in a)
        {
            if (!rest.Remove(pid))
            {
                result.Add(pid);
            }
        }

        return result;
    }
}
