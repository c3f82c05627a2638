using System;

namespace Arbor.Cluster.Replication;

/// <summary>How a replicated value is synced between members.</summary>
public sealed class ReplicationOptions
{
    /// <summary>
    /// How long local changes collect into one delta-group before it is shipped to every member; 100 ms by default.
    /// Shorter spreads changes sooner at the cost of more messages; a burst of changes within one interval costs one
    /// message per member.
    /// </summary>
    public TimeSpan DeltaInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Checks the options; throws <see cref="ArgumentException"/> naming the bad one.</summary>
    internal void Validate()
    {
        if (DeltaInterval < TimeSpan.FromMilliseconds(1) || DeltaInterval > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentException($"DeltaInterval {DeltaInterval} must be between 1 ms and 10 minutes.", nameof(DeltaInterval));
        }
    }
}
