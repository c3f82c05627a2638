using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Cluster.Membership;

namespace Arbor.Cluster;

/// <summary>
/// The cluster a node belongs to (<c>node.Cluster</c>, present when <c>ArborNodeOptions.Cluster</c> is set): the current
/// members, read locally, and member events for subscribers. See <c>docs/cluster.md</c>.
/// </summary>
public sealed class ArborCluster
{
    private readonly ConditionWaiters<IReadOnlyList<string>> _waiters = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Pid, byte> _handOvers = new();
    private volatile IReadOnlyList<string> _members = Array.Empty<string>();
    private Pid _service;

    private ArborCluster(string self)
    {
        Self = self;
        SelfAlive = self[..self.IndexOf('@', StringComparison.Ordinal)];
    }

    /// <summary>This node's name.</summary>
    public string Self { get; }

    /// <summary>The other members with an up connection, sorted by name (a local read; OTP <c>nodes()</c> restricted to cluster members).</summary>
    public IReadOnlyList<string> Members => _members;

    /// <summary>Cluster-wide names (OTP <c>global</c>), replicated on every member.</summary>
    public GlobalRegistry Global { get; private set; } = null!;

    internal string SelfAlive { get; }

    /// <summary>The membership service process.</summary>
    internal Pid Service => _service;

    internal static async Task<ArborCluster> StartAsync(ArborNode node, ClusterOptions options)
    {
        var cluster = new ArborCluster(node.NodeName!);
        var started = await GenServer.StartAsync(node, () => new MembershipServer(cluster, options), new StartOptions { Name = MembershipWire.ServiceName }).ConfigureAwait(false);
        cluster._service = started.EnsureStarted("the cluster membership service");
        cluster.Global = await GlobalRegistry.StartAsync(node, cluster, options).ConfigureAwait(false);
        return cluster;
    }

    /// <summary>
    /// Sends <paramref name="subscriber"/> a <see cref="MemberJoined"/> for every current member, then every
    /// <see cref="MemberJoined"/>, <see cref="MemberLeft"/> and <see cref="MemberUnreachable"/> as info messages, until it
    /// exits or unsubscribes. Subscribing twice has no further effect.
    /// </summary>
    /// <exception cref="ArgumentException">The subscriber is not a local process.</exception>
    public void Subscribe(Pid subscriber) => _service.Send(new SubscribeRequest(CheckLocal(subscriber), Subscribe: true));

    /// <summary>Stops the member events to <paramref name="subscriber"/>.</summary>
    public void Unsubscribe(Pid subscriber) => _service.Send(new SubscribeRequest(CheckLocal(subscriber), Subscribe: false));

    /// <summary>
    /// Completes once <paramref name="condition"/> holds for <see cref="Members"/> (at once if it already does), for code
    /// outside processes such as startup and tests.
    /// </summary>
    /// <exception cref="TimeoutException">The condition did not hold within <paramref name="timeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public Task WaitForMembersAsync(Func<IReadOnlyList<string>, bool> condition, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        _waiters.WaitAsync(() => _members, condition, timeout, () => $"The members of {Self} ([{string.Join(", ", _members)}])", cancellationToken);

    /// <summary>
    /// Leaves the cluster gracefully: first this node's distributed supervisors stop their children and hand their state
    /// over (<see cref="IHandOverState"/>) — from then on they run nothing here — then every member is told (they see
    /// <see cref="MemberLeft"/>, not unreachable) and acknowledges, bounded by <see cref="ClusterOptions.LeaveTimeout"/>.
    /// Disposing the node does this first.
    /// </summary>
    public async Task LeaveAsync()
    {
        foreach (var supervisor in _handOvers.Keys)
        {
            try
            {
                // Each supervisor bounds its own wait per child (DistributedSupervisorOptions.HandOverTimeout).
                await GenServer.CallAsync(supervisor, new Supervision.HandOverCall(), Timeout.InfiniteTimeSpan).ConfigureAwait(false);
            }
            catch (CallException)
            {
                // That supervisor is gone: nothing of it to hand over.
            }

            _handOvers.TryRemove(supervisor, out _);
        }

        try
        {
            await GenServer.CallAsync(_service, new LeaveCall(), Timeout.InfiniteTimeSpan).ConfigureAwait(false);
        }
        catch (CallException)
        {
            // The service is gone (node stopping): there is nobody left to tell.
        }
    }

    /// <summary>A distributed supervisor of this node, to be asked to hand its children over before the node leaves.</summary>
    internal void AddHandOver(Pid supervisor) => _handOvers[supervisor] = 0;

    /// <summary>Called by the membership service after each change.</summary>
    internal void SetMembers(IEnumerable<string> members)
    {
        var sorted = new List<string>(members);
        sorted.Sort(StringComparer.Ordinal);
        _waiters.Publish(sorted, value => _members = value);
    }

    private static Pid CheckLocal(Pid pid) =>
        pid.Process is not null ? pid : throw new ArgumentException("The subscriber must be a live local process.", nameof(pid));
}
