using System;

namespace Arbor.Cluster;

/// <summary>Placement and partition behaviour of a <see cref="DistributedSupervisor"/>.</summary>
public sealed class DistributedSupervisorOptions
{
    /// <summary>Where each child runs; a <see cref="HashRingPlacement"/> by default.</summary>
    public IPlacement Placement { get; init; } = new HashRingPlacement();

    /// <summary>
    /// The quorum rule: a node runs its children only while it sees at least this many members, itself included (set it
    /// to a majority of the cluster's size). Null (default): no rule, so during a partition each side runs every child
    /// — two instances of a child may run in a split brain until it heals, when the global registry's conflict rule stops one.
    /// </summary>
    public int? Quorum { get; init; }

    /// <summary>How soon a crashed child is started again, and how often placement is checked anyway; 250 ms by default.</summary>
    public TimeSpan RestartDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How long a child may take to stop when its node leaves the cluster gracefully before it is killed (and hands
    /// nothing over); 5 seconds by default.
    /// </summary>
    public TimeSpan HandOverTimeout { get; init; } = TimeSpan.FromSeconds(5);

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Placement, nameof(Placement));
        if (Quorum is < 1)
        {
            throw new ArgumentException($"Quorum {Quorum} must be at least 1.", nameof(Quorum));
        }

        if (HandOverTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("HandOverTimeout must be positive.", nameof(HandOverTimeout));
        }

        if (RestartDelay <= TimeSpan.Zero)
        {
            throw new ArgumentException("RestartDelay must be positive.", nameof(RestartDelay));
        }
    }
}
