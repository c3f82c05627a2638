using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Arbor.Cluster.Supervision;

namespace Arbor.Cluster;

/// <summary>
/// A supervisor whose children are spread over the cluster (Horde's and Swarm's idea, in OTP terms): every node starts
/// it with the same children; a <see cref="IPlacement"/> (a hash ring by default) picks one member per child; the
/// child runs there, linked and restarted when it exits, registered globally under its id (find it with
/// <c>node.Cluster.Global.Whereis(id)</c>). When a member is lost its children start on the survivors; when one joins,
/// the children the ring now gives it move. When a node leaves gracefully its children stop first and may hand their
/// state to their next instance (<see cref="IHandOverState"/>). <c>StartSingletonAsync</c> is the one-child case.
/// See <c>docs/cluster.md</c> for what holds during partitions.
/// </summary>
public sealed class DistributedSupervisor
{
    private volatile IReadOnlyDictionary<string, Pid> _local = new Dictionary<string, Pid>();

    private DistributedSupervisor()
    {
    }

    /// <summary>The supervisor's process on this node.</summary>
    public Pid Pid { get; private set; }

    /// <summary>The children running on this node, by id (a local read).</summary>
    public IReadOnlyDictionary<string, Pid> LocalChildren
    {
        get => _local;
        internal set => _local = value;
    }

    /// <summary>Starts this node's part of the distributed supervisor named <paramref name="name"/> (registered locally under it).</summary>
    /// <exception cref="ArgumentException">Duplicate or empty child ids, or bad options.</exception>
    /// <exception cref="InvalidOperationException">The node is not a cluster member.</exception>
    public static async Task<DistributedSupervisor> StartAsync(ArborNode node, string name, IReadOnlyList<DistributedChild> children, DistributedSupervisorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(children);
        options ??= new DistributedSupervisorOptions();
        options.Validate();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var child in children)
        {
            if (string.IsNullOrEmpty(child?.Id) || !ids.Add(child.Id))
            {
                throw new ArgumentException($"Distributed child ids must be non-empty and unique; '{child?.Id}' is not.", nameof(children));
            }
        }

        var cluster = node.Cluster;
        var supervisor = new DistributedSupervisor();
        var list = new List<DistributedChild>(children);
        var started = await GenServer.StartAsync(node, () => new DistributedSupervisorServer(supervisor, cluster, name, list, options), new StartOptions { Name = name }).ConfigureAwait(false);
        supervisor.Pid = started.EnsureStarted($"distributed supervisor '{name}'");
        cluster.AddHandOver(supervisor.Pid);
        return supervisor;
    }

    /// <summary>
    /// A cluster singleton: exactly one instance of <paramref name="start"/> in a connected cluster, registered globally
    /// as <paramref name="id"/> and moved to a survivor when its node goes. With <paramref name="quorum"/> (a majority of
    /// the cluster) a node runs it only while it sees that many members, so a minority side of a partition never runs a
    /// second one; without it both sides of a split brain run one until the partition heals.
    /// </summary>
    public static Task<DistributedSupervisor> StartSingletonAsync(ArborNode node, string id, Func<GenServer> start, int? quorum = null) =>
        StartAsync(node, "arbor_singleton:" + id, [new DistributedChild(id, start)], new DistributedSupervisorOptions { Quorum = quorum });

    /// <summary>
    /// A cluster singleton from a full child declaration (for example one with <see cref="DistributedChild.Resume"/>, so
    /// the singleton's state moves with it when its node shuts down gracefully) and options (the quorum among them).
    /// </summary>
    public static Task<DistributedSupervisor> StartSingletonAsync(ArborNode node, DistributedChild child, DistributedSupervisorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(child);
        return StartAsync(node, "arbor_singleton:" + child.Id, [child], options);
    }
}
