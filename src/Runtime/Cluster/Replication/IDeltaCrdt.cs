namespace Arbor.Cluster.Replication;

/// <summary>
/// A delta-state CRDT (Almeida, Shoker and Baquero): an immutable value of a join semilattice. Every mutation yields a
/// <em>delta</em>, a small value of the same type; joining the delta into a replica applies the mutation, and deltas
/// join into delta-groups. <see cref="Join"/> is commutative, associative and idempotent, so replicas that have joined
/// the same deltas and states, in any order and any number of times, are equal (strong eventual consistency).
/// </summary>
/// <typeparam name="TSelf">The implementing type.</typeparam>
public interface IDeltaCrdt<TSelf>
    where TSelf : class, IDeltaCrdt<TSelf>
{
    /// <summary>The bottom value: a replica that has seen nothing, and the empty delta.</summary>
    static abstract TSelf Empty { get; }

    /// <summary>
    /// The least upper bound of this value and <paramref name="other"/>. Returns this very instance when
    /// <paramref name="other"/> adds nothing (a replicator relies on it to tell changes apart).
    /// </summary>
    TSelf Join(TSelf other);
}
