using System;

namespace Arbor.Cluster.Replication;

/// <summary>
/// One event of one replica: the <paramref name="Counter"/>-th write made by <paramref name="Replica"/>. A replicator
/// names its replica after the node and the replicator's incarnation (<c>alive@host/3f2a9c01</c>), so a restarted node
/// never reuses the dots of its previous life. Dots identify the entries of the observed-remove types (<see cref="ORSet{T}"/>, <see cref="LwwMap{TKey, TValue}"/>);
/// a <see cref="CausalContext"/> records which dots a replica has seen, so a remove needs no tombstone.
/// </summary>
/// <param name="Replica">The replica that made the write.</param>
/// <param name="Counter">Its sequence number on that node, from 1.</param>
public readonly record struct Dot(string Replica, long Counter) : IComparable<Dot>
{
    /// <summary>Orders by replica id (ordinal), then counter.</summary>
    public int CompareTo(Dot other)
    {
        var byNode = string.CompareOrdinal(Replica, other.Replica);
        return byNode != 0 ? byNode : Counter.CompareTo(other.Counter);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Replica}:{Counter}";
}
