using System;

namespace Arbor.Cluster;

/// <summary>
/// A child of a <see cref="DistributedSupervisor"/>: an id, unique in the cluster (it is also the child's global name),
/// and how to start it. Every node must declare the same children.
/// </summary>
/// <param name="Id">The child's id and global name.</param>
/// <param name="Start">Creates the server inside its new process (the init callback), as for <see cref="GenServer.StartAsync(ArborNode, Func{GenServer}, StartOptions?)"/>.</param>
public sealed record DistributedChild(string Id, Func<GenServer> Start)
{
    /// <summary>
    /// Creates the server from the state its previous instance handed over when that instance's node shut down
    /// gracefully (see <see cref="IHandOverState"/>). Null (default): handed-over state is ignored and <see cref="Start"/>
    /// is used. Used once per hand-over; every other start uses <see cref="Start"/>.
    /// </summary>
    public Func<byte[], GenServer>? Resume { get; init; }
}
