using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Arbor.Cluster.Supervision;

/// <summary>
/// One node's part of a distributed supervisor. It follows the membership, places every declared child on the members
/// it sees (itself included), runs the children placed here (linked, restarted when they exit) and stops those placed
/// elsewhere. A child is registered globally under its id before it counts as running: while the old owner still holds
/// the name (a hand-over in progress) the new owner waits, so a connected cluster runs each child once. Without quorum
/// a node runs nothing.
/// </summary>
internal sealed class DistributedSupervisorServer : GenServer
{
    private readonly ArborCluster _cluster;
    private readonly IReadOnlyList<DistributedChild> _children;
    private readonly DistributedSupervisorOptions _options;
    private readonly DistributedSupervisor _handle;
    private readonly ILogger _logger;
    private readonly HashSet<string> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Pid> _running = new(StringComparer.Ordinal);
    private bool _tickPending;

    public DistributedSupervisorServer(DistributedSupervisor handle, ArborCluster cluster, IReadOnlyList<DistributedChild> children, DistributedSupervisorOptions options)
    {
        _handle = handle;
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
    protected override async ValueTask HandleInfoAsync(object message)
    {
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

    private void OnChildExit(Exited exited)
    {
        foreach (var (id, pid) in _running)
        {
            if (pid == exited.From)
            {
                _running.Remove(id);
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
                await _cluster.Global.UnregisterAsync(child.Id);
                Exit(pid, ExitReason.Shutdown);
            }
        }

        Publish();
        ScheduleTick();
    }

    private bool PlacedHere(string id, List<string> nodes)
    {
        try
        {
            return string.Equals(_options.Placement.Place(id, nodes), _cluster.Self, StringComparison.Ordinal);
        }
        catch (Exception exception)
        {
            // Placement is user code: a failure places nothing here and is retried on the next tick.
            _logger.LogError(exception, "Placement of distributed child {Id} failed", id);
            return false;
        }
    }

    private async ValueTask TryStartAsync(DistributedChild child)
    {
        if (!_cluster.Global.Whereis(child.Id).IsNone)
        {
            return; // still held by its previous owner (hand-over under way) or by the other side of a healed split
        }

        var started = await GenServer.StartAsync(Node, child.Start, new StartOptions { Link = true });
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
