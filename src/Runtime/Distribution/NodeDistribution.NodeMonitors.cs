using System.Collections.Generic;
using Arbor.Distribution.Connections;
using Arbor.Protocol;

namespace Arbor.Distribution;

internal sealed partial class NodeDistribution
{
    private readonly Dictionary<string, List<Process>> _nodeWatchers = new(System.StringComparer.Ordinal);
    private readonly List<Process> _allNodesWatchers = new();

    /// <summary>
    /// OTP <c>monitor_node(Node, true)</c>: <paramref name="watcher"/> gets one <see cref="NodeDown"/> when the
    /// connection to <paramref name="node"/> goes (or at once, if it cannot be made). Connects if needed.
    /// </summary>
    public void MonitorNode(Process watcher, string node)
    {
        lock (_gate)
        {
            if (!_nodeWatchers.TryGetValue(node, out var watchers))
            {
                _nodeWatchers[node] = watchers = new List<Process>();
            }

            watchers.Add(watcher);
        }

        var connection = GetOrConnect(node);
        if (connection.State == ConnectionState.Closed)
        {
            FireNodeDown(node, connection.CloseReason ?? "unreachable", wasUp: false);
        }
    }

    /// <summary>OTP <c>net_kernel:monitor_nodes(true)</c>: <paramref name="watcher"/> gets <see cref="NodeUp"/> and <see cref="NodeDown"/> for every peer, until it exits.</summary>
    public void MonitorNodes(Process watcher)
    {
        lock (_gate)
        {
            _allNodesWatchers.Add(watcher);
        }
    }

    private void NotifyNodeUp(string node)
    {
        List<Process> watchers;
        lock (_gate)
        {
            _allNodesWatchers.RemoveAll(static p => !p.IsAlive);
            watchers = new List<Process>(_allNodesWatchers);
        }

        foreach (var watcher in watchers)
        {
            watcher.Enqueue(new InfoEnvelope(new NodeUp(node)));
        }
    }

    private void FireNodeDown(string node, string reason, bool wasUp)
    {
        List<Process>? once;
        List<Process>? all = null;
        lock (_gate)
        {
            _nodeWatchers.Remove(node, out once);
            if (wasUp)
            {
                _allNodesWatchers.RemoveAll(static p => !p.IsAlive);
                all = new List<Process>(_allNodesWatchers);
            }
        }

        foreach (var watcher in (IEnumerable<Process>?)once ?? [])
        {
            watcher.Enqueue(new InfoEnvelope(new NodeDown(node, reason)));
        }

        foreach (var watcher in (IEnumerable<Process>?)all ?? [])
        {
            watcher.Enqueue(new InfoEnvelope(new NodeDown(node, reason)));
        }
    }

    /// <summary>A connection is gone: everything that depended on it hears <c>noconnection</c>, as in Erlang.</summary>
    private void ReportConnectionLoss(Connection connection, string reason)
    {
        var signals = connection.Signals;
        foreach (var (link, _) in signals.Links)
        {
            if (signals.Links.TryRemove(link, out _))
            {
                FireLink(link.Local, link.Remote, ExitReason.NoConnection);
            }
        }

        foreach (var (key, monitor) in signals.Monitors)
        {
            if (signals.Monitors.TryRemove(key, out _))
            {
                DeliverDown(monitor, ExitReason.NoConnection);
            }
        }

        foreach (var (_, call) in signals.Calls)
        {
            call.TryFail(new ProcessExitedException(call.Target, ExitReason.NoConnection, call.Description));
        }

        foreach (var (_, spawn) in signals.Spawns)
        {
            spawn.TryFinish(StartResult.Failed(ExitReason.NoConnection));
        }

        foreach (var (reference, entry) in signals.Watchers)
        {
            if (signals.Watchers.TryRemove(reference, out _))
            {
                entry.Local.RemoveRemoteWatcher(entry.Watcher);
            }
        }

        FireNodeDown(connection.PeerName, reason, wasUp: connection.Handshake is not null);
    }
}
