using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Arbor.Cluster.Supervision;

/// <summary>
/// One node's part of a distributed supervisor. It follows the membership, places every declared child on the members
/// it sees (itself included), runs the children placed here (linked, restarted when they exit) and stops those placed
/// elsewhere. A child is registered globally under its id before it counts as running: while the old owner still holds
/// the name (a hand-over in progress) the new owner waits, so a connected cluster runs each child once. Without quorum
/// a node runs nothing. When its node leaves gracefully it stops every child, sends the state of those that export it
/// (<see cref="IHandOverState"/>) to the part of this supervisor on the member that takes each over, and runs nothing
/// more; a received state is used by the next start of that child here.
/// </summary>
internal sealed class DistributedSupervisorServer : GenServer
{
    private readonly ArborCluster _cluster;
    private readonly IReadOnlyList<DistributedChild> _children;
    private readonly DistributedSupervisorOptions _options;
    private readonly DistributedSupervisor _handle;
    private readonly string _name;
    private readonly ILogger _logger;
    private readonly HashSet<string> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Pid> _running = new(StringComparer.Ordinal);

    // The server object of each running child, read only after the child has stopped (for its hand-over state).
    private readonly Dictionary<string, GenServer> _servers = new(StringComparer.Ordinal);

    // State handed over by a previous instance on a leaving node, for the next start of that child here.
    private readonly Dictionary<string, byte[]> _handedOver = new(StringComparer.Ordinal);
    private bool _tickPending;
    private bool _leaving;

    public DistributedSupervisorServer(DistributedSupervisor handle, ArborCluster cluster, string name, IReadOnlyList<DistributedChild> children, DistributedSupervisorOptions options)
    {
        _handle = handle;
        _name = name;
        _cluster = cluster;
        _children = children;
        _options = options;
        _logger = Node.LoggerFactory.CreateLogger("Arbor.Cluster");
        TrapExit = true;
        cluster.Subscribe(Self);
        Self.Send(new Rebalance());
    }

    // No ConfigureAwait(false) in this class: after an await the handler must resume inside its process (the process's
    // synchronization context), where starting a linked child and calling other processes are allowed.
    protected override async ValueTask HandleCallAsync(Arbor.Protocol.CallMessage call)
    {
        if (call is HandOverCall handOver)
        {
            await HandOverAsync();
            Reply(handOver, true);
            return;
        }

        await base.HandleCallAsync(call);
    }

    protected override async ValueTask HandleInfoAsync(object message)
    {
        if (HandOverWire.TryRead(message, out var handedId, out var state))
        {
            if (!_leaving && _children.Any(child => child.Id == handedId))
            {
                _handedOver[handedId] = state;
            }

            return;
        }

        switch (message)
        {
            case MemberJoined joined:
                _members.Add(joined.Node);
                await RebalanceAsync();
                break;
            case MemberEvent gone:
                _members.Remove(gone.Node);
                await RebalanceAsync();
                break;
            case Rebalance:
                _tickPending = false;
                await RebalanceAsync();
                break;
            case Exited exited:
                OnChildExit(exited);
                break;
            default:
                await base.HandleInfoAsync(message);
                break;
        }
    }

    protected override async ValueTask TerminateAsync(ExitReason reason)
    {
        foreach (var pid in _running.Values)
        {
            Exit(pid, ExitReason.Shutdown);
        }

        foreach (var pid in _running.Values)
        {
            await Node.WhenExited(pid);
        }
    }

    /// <summary>
    /// This node is leaving: stop every child in an orderly way (bounded), hand the exported state of each to the part of
    /// this supervisor on the member that takes it over, and from now on run nothing here.
    /// </summary>
    private async ValueTask HandOverAsync()
    {
        _leaving = true;
        var others = new List<string>(_members);
        others.Sort(StringComparer.Ordinal);
        foreach (var (id, pid) in new List<KeyValuePair<string, Pid>>(_running))
        {
            _running.Remove(id);
            _servers.Remove(id, out var server);
            Exit(pid, ExitReason.Shutdown);
            ExitReason reason;
            try
            {
                reason = await Node.WhenExited(pid).WaitAsync(_options.HandOverTimeout);
            }
            catch (TimeoutException)
            {
                _logger.LogWarning("Distributed child {Id} did not stop within {Timeout} as its node left; killing it, its state is not handed over", id, _options.HandOverTimeout);
                Exit(pid, ExitReason.Kill);
                continue;
            }

            // Only a child that stopped through its terminate hook is at rest: reading its state is then race-free.
            if (others.Count > 0 && server is IHandOverState exporter && reason.IsOrderly && Export(id, exporter) is { } state &&
                Place(id, others) is { } target)
            {
                Node.Send(_name, target, HandOverWire.Of(id, state));
            }
        }

        _handedOver.Clear();
        Publish();
    }

    private byte[]? Export(string id, IHandOverState exporter)
    {
        try
        {
            return exporter.ExportState();
        }
        catch (Exception exception)
        {
            // User code: a failing export hands nothing over; the child starts fresh on its next node.
            _logger.LogError(exception, "Distributed child {Id} failed to export its state for the hand-over", id);
            return null;
        }
    }

    private void OnChildExit(Exited exited)
    {
        foreach (var (id, pid) in _running)
        {
            if (pid == exited.From)
            {
                _running.Remove(id);
                _servers.Remove(id);
                if (!exited.Reason.IsOrderly)
                {
                    _logger.LogWarning("Distributed child {Id} exited ({Reason}); starting it again", id, exited.Reason);
                }

                Publish();
                ScheduleTick(); // restarted after the delay, wherever it is placed then
                return;
            }
        }
    }

    private async ValueTask RebalanceAsync()
    {
        if (_leaving)
        {
            return; // this node has left: its children were handed over
        }

        var nodes = new List<string>(_members) { _cluster.Self };
        nodes.Sort(StringComparer.Ordinal);
        var quorate = _options.Quorum is not { } quorum || nodes.Count >= quorum;
        foreach (var child in _children)
        {
            var here = quorate && PlacedHere(child.Id, nodes);
            var running = _running.TryGetValue(child.Id, out var pid);
            if (here && !running)
            {
                await TryStartAsync(child);
            }
            else if (!here && running)
            {
                // Placed elsewhere now (a member joined) or no quorum: stop it; its new owner takes the name once it is free.
                _running.Remove(child.Id);
                _servers.Remove(child.Id);
                await _cluster.Global.UnregisterAsync(child.Id);
                Exit(pid, ExitReason.Shutdown);
            }
        }

        Publish();
        ScheduleTick();
    }

    private bool PlacedHere(string id, List<string> nodes) => string.Equals(Place(id, nodes), _cluster.Self, StringComparison.Ordinal);

    private string? Place(string id, List<string> nodes)
    {
        try
        {
            return _options.Placement.Place(id, nodes);
        }
        catch (Exception exception)
        {
            // Placement is user code: a failure places nothing (here, or a hand-over) and is retried on the next tick.
            _logger.LogError(exception, "Placement of distributed child {Id} failed", id);
            return null;
        }
    }

    private async ValueTask TryStartAsync(DistributedChild child)
    {
        var holder = _cluster.Global.Whereis(child.Id);
        if (!holder.IsNone)
        {
            if (holder.IsRemote)
            {
                _handedOver.Remove(child.Id); // it runs elsewhere now: a state handed here earlier is stale
            }

            return; // still held by its previous owner (hand-over under way) or by the other side of a healed split
        }

        // The server object is kept for a later hand-over; a handed-over state is used once.
        GenServer? server = null;
        var create = child.Resume is { } resume && _handedOver.Remove(child.Id, out var state)
            ? () => server = resume(state)
            : (Func<GenServer>)(() => server = child.Start());
        var started = await GenServer.StartAsync(Node, create, new StartOptions { Link = true });
        if (!started.IsStarted)
        {
            _logger.LogWarning("Distributed child {Id} did not start: {Result}", child.Id, started);
            return;
        }

        if (!await _cluster.Global.RegisterAsync(child.Id, started.Pid))
        {
            Exit(started.Pid, ExitReason.Shutdown);
            return;
        }

        _running[child.Id] = started.Pid;
        _servers[child.Id] = server!;
    }

    private void ScheduleTick()
    {
        if (!_tickPending)
        {
            _tickPending = true;
            Tick(_options.RestartDelay, new Rebalance());
        }
    }

    private void Publish() => _handle.LocalChildren = new Dictionary<string, Pid>(_running, StringComparer.Ordinal);

    private sealed record Rebalance;

    /// <summary>A timer message to this process; none once the node is stopping (its timers are gone, and so is the need).</summary>
    private void Tick(TimeSpan delay, object message)
    {
        try
        {
            SendAfter(delay, message);
        }
        catch (ObjectDisposedException)
        {
            // The node is shutting down.
        }
    }
}
