using System;

namespace Arbor.Cluster.Replication;

/// <summary>
/// One event of one replica: the <paramref name="Counter"/>-th write made by <paramref name="Node"/> (an Arbor node
/// name). Dots identify the entries of the observed-remove types (<see cref="ORSet{T}"/>, <see cref="LwwMap{TKey, TValue}"/>);
/// a <see cref="CausalContext"/> records which dots a replica has seen, so a remove needs no tombstone.
/// </summary>
/// <param name="Node">The node that made the write.</param>
/// <param name="Counter">Its sequence number on that node, from 1.</param>
public readonly record struct Dot(string Node, long Counter) : IComparable<Dot>
{
    /// <summary>Orders by node name (ordinal), then counter.</summary>
    public int CompareTo(Dot other)
    {
        var byNode = string.CompareOrdinal(Node, other.Node);
        return byNode != 0 ? byNode : Counter.CompareTo(other.Counter);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Node}:{Counter}";
}
