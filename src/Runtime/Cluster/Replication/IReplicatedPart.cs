using System;

namespace Arbor.Cluster.Replication;

/// <summary>What <see cref="Replicated.StartAsync{T}"/> needs to know of a running value of any type.</summary>
internal interface IReplicatedPart
{
    bool IsAlive { get; }

    Type ValueType { get; }
}
