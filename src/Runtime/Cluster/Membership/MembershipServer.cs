using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Distribution;
using Arbor.Distribution.Terms;
using Arbor.Protocol;
using Microsoft.Extensions.Logging;

namespace Arbor.Cluster.Membership;

/// <summary>
/// The membership service of one node, registered as <c>arbor_cluster</c>. A member is a node whose membership service
/// said hello over an up connection; the service monitors each member's service, so a lost connection (or a dead
/// service) makes the member unreachable at once. Hellos carry the sender's member list, so every member connects to
/// every other (a full mesh, as Erlang's visible nodes are). Seeds, DNS names and unreachable members are retried on a
/// timer; a member that leaves gracefully is told apart from one that is merely unreachable.
/// </summary>
internal sealed class MembershipServer : GenServer
{
    private readonly ArborCluster _cluster;
    private readonly ClusterOptions _options;
    private readonly ILogger _logger;
    private readonly Dictionary<string, (Pid Service, MonitorRef Monitor)> _members = new(StringComparer.Ordinal);
    private readonly HashSet<string> _retry = new(StringComparer.Ordinal);
    private readonly Dictionary<Pid, MonitorRef> _subscribers = new();
    private readonly HashSet<string> _awaitingBye = new(StringComparer.Ordinal);
    private ReplyTo<bool>? _leaveReply;
    private bool _resolving;

    public MembershipServer(ArborCluster cluster, ClusterOptions options)
    {
        _cluster = cluster;
        _options = options;
        _logger = Node.LoggerFactory.CreateLogger("Arbor.Cluster");
        Node.MonitorNodes(Self);
        foreach (var seed in options.Seeds)
        {
            _retry.Add(seed);
        }

        _retry.Remove(_cluster.Self);
        Self.Send(new ReconnectTick());
    }

    private bool Leaving => _leaveReply is not null;

    protected override ValueTask HandleCallAsync(CallMessage call)
    {
        if (call is not LeaveCall leave)
        {
            return base.HandleCallAsync(call);
        }

        if (Leaving)
        {
            Reply(leave, false);
            return default;
        }

        _leaveReply = DeferReply(leave);
        foreach (var (node, member) in _members)
        {
            _awaitingBye.Add(node);
            member.Service.Send(MembershipWire.LeaveOf(Self));
        }

        // Best effort for peers that may count us as a member before their hello reached us: told, not awaited.
        foreach (var node in Node.ConnectedNodes)
        {
            if (!_members.ContainsKey(node))
            {
                Node.Send(MembershipWire.ServiceName, node, MembershipWire.LeaveOf(Self));
            }
        }

        if (_awaitingBye.Count == 0)
        {
            _leaveReply.Value.Reply(true);
        }
        else
        {
            Tick(_options.LeaveTimeout, new LeaveTimedOut());
        }

        return default;
    }

    protected override ValueTask HandleInfoAsync(object message)
    {
        switch (message)
        {
            case ReconnectTick:
                Reconnect();
                break;
            case DnsResolved resolved:
                _resolving = false;
                foreach (var node in resolved.Nodes)
                {
                    if (!_members.ContainsKey(node) && !string.Equals(node, _cluster.Self, StringComparison.Ordinal) && _retry.Add(node))
                    {
                        SayHello(node);
                    }
                }

                break;
            case NodeUp up when !Leaving && !_members.ContainsKey(up.Node):
                SayHello(up.Node); // a new connection (either direction): find out whether the peer is a member
                break;
            case Down down:
                OnDown(down);
                break;
            case SubscribeRequest request:
                OnSubscribe(request);
                break;
            case LeaveTimedOut when Leaving:
                _awaitingBye.Clear();
                _leaveReply!.Value.Reply(true);
                break;
            default:
                if (MembershipWire.TryRead(message, out var kind, out var from, out var members))
                {
                    OnWire(kind, from, members);
                }

                break;
        }

        return default;
    }

    private void OnWire(Atom kind, Pid from, List<string> members)
    {
        var node = from.Node!;
        if (kind == MembershipWire.Hello)
        {
            if (Leaving)
            {
                return;
            }

            OnHello(node, from);
            foreach (var name in members)
            {
                if (!string.Equals(name, _cluster.Self, StringComparison.Ordinal) && !_members.ContainsKey(name) && _retry.Add(name))
                {
                    SayHello(name);
                }
            }
        }
        else if (kind == MembershipWire.Leave)
        {
            from.Send(MembershipWire.ByeOf(Self));
            if (_members.TryGetValue(node, out var member) && member.Service == from)
            {
                _members.Remove(node);
                Demonitor(member.Monitor, flush: true);
                _retry.Remove(node);
                Publish(new MemberLeft(node));
            }
        }
        else if (kind == MembershipWire.Bye && Leaving && _awaitingBye.Remove(node) && _awaitingBye.Count == 0)
        {
            _leaveReply!.Value.Reply(true);
        }
    }

    private void OnHello(string node, Pid service)
    {
        if (_members.TryGetValue(node, out var known))
        {
            if (known.Service == service)
            {
                return;
            }

            // A new incarnation of the node said hello before the old one's loss was seen.
            Demonitor(known.Monitor, flush: true);
            _members.Remove(node);
            Publish(new MemberUnreachable(node, "restarted"));
        }

        _members[node] = (service, Monitor(service));
        _retry.Add(node);
        service.Send(MembershipWire.HelloOf(Self, _members.Keys)); // it may not know us yet (or know fewer members)
        _logger.LogInformation("Cluster member {Node} joined", node);
        Publish(new MemberJoined(node));
    }

    private void OnDown(Down down)
    {
        if (_subscribers.Remove(down.Pid))
        {
            return;
        }

        var node = down.Pid.Node;
        if (node is not null && _members.TryGetValue(node, out var member) && member.Monitor == down.Ref)
        {
            _members.Remove(node);
            _awaitingBye.Remove(node);
            _logger.LogWarning("Cluster member {Node} unreachable: {Reason}", node, down.Reason);
            Publish(new MemberUnreachable(node, down.Reason.ToString()));
            if (Leaving && _awaitingBye.Count == 0)
            {
                _leaveReply!.Value.Reply(true);
            }
        }
    }

    private void OnSubscribe(SubscribeRequest request)
    {
        if (!request.Subscribe)
        {
            if (_subscribers.Remove(request.Subscriber, out var monitor))
            {
                Demonitor(monitor, flush: true);
            }

            return;
        }

        if (_subscribers.ContainsKey(request.Subscriber))
        {
            return;
        }

        _subscribers[request.Subscriber] = Monitor(request.Subscriber);
        foreach (var node in _members.Keys)
        {
            request.Subscriber.Send(new MemberJoined(node));
        }
    }

    private void Reconnect()
    {
        if (Leaving)
        {
            return;
        }

        foreach (var node in _retry)
        {
            if (!_members.ContainsKey(node))
            {
                SayHello(node);
            }
        }

        if (_options.DnsName is not null && !_resolving)
        {
            _resolving = true;
            _ = ResolveAsync();
        }

        Tick(_options.ReconnectInterval, new ReconnectTick());
    }

    /// <summary>Resolves the DNS name off the process and posts the names back; a failing resolver is logged, never fatal.</summary>
    private async Task ResolveAsync()
    {
        IReadOnlyList<string> nodes;
        try
        {
            using var timeout = new CancellationTokenSource(_options.ReconnectInterval * 4);
            nodes = await SeedResolver.ResolveDnsAsync(_options, _cluster.SelfAlive, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // The resolver is user code or the network: either may fail; the next tick tries again.
            _logger.LogWarning(exception, "Resolving cluster DNS name {Name} failed", _options.DnsName);
            nodes = Array.Empty<string>();
        }

        Self.Send(new DnsResolved(nodes));
    }

    /// <summary>A hello to a node's membership service; the send connects if needed, and is dropped if it cannot.</summary>
    private void SayHello(string node) => Node.Send(MembershipWire.ServiceName, node, MembershipWire.HelloOf(Self, _members.Keys));

    private void Publish(MemberEvent memberEvent)
    {
        _cluster.SetMembers(_members.Keys);
        foreach (var subscriber in _subscribers.Keys)
        {
            subscriber.Send(memberEvent);
        }
    }

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
