using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace Arbor.Cluster.Replication;

/// <summary>
/// The set of dots a replica has seen, kept compact: a version vector (every dot of a node up to a counter) plus a dot
/// cloud for the dots seen out of order. Dots join the vector as soon as they are contiguous, so two contexts holding the
/// same dots have the same representation. A dot in the context but not in a store was removed: that is how the
/// observed-remove types drop entries without tombstones.
/// </summary>
public sealed class CausalContext : IEquatable<CausalContext>
{
    private CausalContext(ImmutableDictionary<string, long> vector, ImmutableHashSet<Dot> cloud)
    {
        Vector = vector;
        Cloud = cloud;
    }

    /// <summary>The context that has seen nothing.</summary>
    public static CausalContext Empty { get; } = new(ImmutableDictionary.Create<string, long>(StringComparer.Ordinal), ImmutableHashSet<Dot>.Empty);

    /// <summary>For each node, the counter up to which every one of its dots has been seen.</summary>
    public ImmutableDictionary<string, long> Vector { get; }

    /// <summary>Dots seen beyond the <see cref="Vector"/> (with gaps before them).</summary>
    public ImmutableHashSet<Dot> Cloud { get; }

    /// <summary>True when no dot has been seen.</summary>
    public bool IsEmpty => Vector.IsEmpty && Cloud.IsEmpty;

    /// <summary>Whether <paramref name="dot"/> has been seen.</summary>
    public bool Contains(Dot dot) =>
        (Vector.TryGetValue(dot.Replica, out var upTo) && dot.Counter <= upTo) || Cloud.Contains(dot);

    /// <summary>The next dot replica <paramref name="replica"/> makes: one past the highest of its dots seen.</summary>
    public Dot NextDot(string replica)
    {
        ArgumentException.ThrowIfNullOrEmpty(replica);
        var highest = Vector.GetValueOrDefault(replica);
        foreach (var dot in Cloud)
        {
            if (dot.Replica == replica && dot.Counter > highest)
            {
                highest = dot.Counter;
            }
        }

        return new Dot(replica, highest + 1);
    }

    /// <summary>The context of exactly <paramref name="dots"/> (the context of a delta).</summary>
    public static CausalContext Of(IEnumerable<Dot> dots) => Compact(Empty.Vector, dots);

    /// <summary>A context from a version vector and cloud dots (a decoded one), compacted.</summary>
    internal static CausalContext FromParts(ImmutableDictionary<string, long> vector, IEnumerable<Dot> cloud) => Compact(vector, cloud);

    /// <summary>The union of both contexts, compacted; this instance when <paramref name="other"/> adds nothing.</summary>
    public CausalContext Join(CausalContext other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.IsEmpty || ReferenceEquals(other, this) || Covers(other))
        {
            return this;
        }

        if (IsEmpty)
        {
            return other;
        }

        // Incremental: only the other's entries are added, and only the replicas they advanced are compacted, so joining
        // a small delta into a large context (or many deltas into a delta-group) does not re-sort the whole cloud.
        var vector = Vector.ToBuilder();
        var advanced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (replica, upTo) in other.Vector)
        {
            if (vector.GetValueOrDefault(replica) < upTo)
            {
                vector[replica] = upTo;
                advanced.Add(replica);
            }
        }

        var cloud = Cloud.ToBuilder();
        if (advanced.Count > 0 && cloud.Count > 0)
        {
            // The vector jumped: drop the cloud dots it now covers.
            var covered = new List<Dot>();
            foreach (var dot in cloud)
            {
                if (advanced.Contains(dot.Replica) && dot.Counter <= vector[dot.Replica])
                {
                    covered.Add(dot);
                }
            }

            cloud.ExceptWith(covered);
        }

        foreach (var dot in other.Cloud)
        {
            if (dot.Counter > vector.GetValueOrDefault(dot.Replica) && cloud.Add(dot))
            {
                advanced.Add(dot.Replica);
            }
        }

        foreach (var replica in advanced)
        {
            var upTo = vector.GetValueOrDefault(replica);
            while (cloud.Remove(new Dot(replica, upTo + 1)))
            {
                upTo++;
            }

            if (upTo > 0)
            {
                vector[replica] = upTo;
            }
        }

        return new CausalContext(vector.ToImmutable(), cloud.ToImmutable());
    }

    /// <summary>Whether every dot of <paramref name="other"/> is in this context.</summary>
    public bool Covers(CausalContext other)
    {
        foreach (var (node, upTo) in other.Vector)
        {
            if (Vector.GetValueOrDefault(node) < upTo)
            {
                return false;
            }
        }

        foreach (var dot in other.Cloud)
        {
            if (!Contains(dot))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Moves cloud dots that continue the vector into it and drops the ones it already covers.</summary>
    private static CausalContext Compact(ImmutableDictionary<string, long> start, IEnumerable<Dot> cloudDots)
    {
        var sorted = new List<Dot>(cloudDots);
        if (sorted.Count == 0)
        {
            return start.IsEmpty ? Empty : new CausalContext(start, ImmutableHashSet<Dot>.Empty);
        }

        sorted.Sort();
        var vector = start.ToBuilder();
        var cloud = ImmutableHashSet.CreateBuilder<Dot>();
        foreach (var dot in sorted)
        {
            var upTo = vector.GetValueOrDefault(dot.Replica);
            if (dot.Counter == upTo + 1)
            {
                vector[dot.Replica] = dot.Counter;
            }
            else if (dot.Counter > upTo)
            {
                cloud.Add(dot);
            }
        }

        // A dot left in the cloud may have been made contiguous by a later one of the same node only if it sorted after
        // it, which cannot happen: dots of a node are visited in ascending order.
        return new CausalContext(vector.ToImmutable(), cloud.ToImmutable());
    }

    /// <inheritdoc/>
    public bool Equals(CausalContext? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.Vector.Count != Vector.Count || other.Cloud.Count != Cloud.Count)
        {
            return false;
        }

        foreach (var (node, upTo) in Vector)
        {
            if (!other.Vector.TryGetValue(node, out var theirs) || theirs != upTo)
            {
                return false;
            }
        }

        return Cloud.SetEquals(other.Cloud);
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as CausalContext);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = 0;
        foreach (var (node, upTo) in Vector)
        {
            hash ^= HashCode.Combine(node, upTo);
        }

        return HashCode.Combine(hash, Cloud.Count);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{{[{string.Join(", ", Vector)}], cloud [{string.Join(", ", Cloud)}]}}";
}
