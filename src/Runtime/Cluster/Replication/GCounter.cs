using System;
using System.Collections.Immutable;

namespace Arbor.Cluster.Replication;

/// <summary>
/// A grow-only counter: each replica counts its own increments, the value is their sum, and a join takes each replica's
/// larger count. An increment's delta is just the incrementing replica's new count.
/// </summary>
public sealed class GCounter : IDeltaCrdt<GCounter>, IEquatable<GCounter>
{
    private GCounter(ImmutableDictionary<string, long> counts) => Counts = counts;

    /// <summary>The counter no node has incremented.</summary>
    public static GCounter Empty { get; } = new(ImmutableDictionary.Create<string, long>(StringComparer.Ordinal));

    /// <summary>Each replica's own count.</summary>
    public ImmutableDictionary<string, long> Counts { get; }

    /// <summary>The sum of every replica's count.</summary>
    public long Value
    {
        get
        {
            long sum = 0;
            foreach (var count in Counts.Values)
            {
                sum += count;
            }

            return sum;
        }
    }

    /// <summary>The delta of replica <paramref name="replica"/> adding <paramref name="amount"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative (a grow-only counter cannot go down).</exception>
    public GCounter IncrementDelta(string replica, long amount = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(replica);
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        return amount == 0 ? Empty : new(Empty.Counts.Add(replica, checked(Counts.GetValueOrDefault(replica) + amount)));
    }

    /// <inheritdoc/>
    public GCounter Join(GCounter other)
    {
        ArgumentNullException.ThrowIfNull(other);
        ImmutableDictionary<string, long>.Builder? counts = null;
        foreach (var (node, count) in other.Counts)
        {
            if (Counts.GetValueOrDefault(node) < count)
            {
                (counts ??= Counts.ToBuilder())[node] = count;
            }
        }

        return counts is null ? this : new(counts.ToImmutable());
    }

    /// <summary>A counter from per-node counts (a decoded one); counts must not be negative.</summary>
    internal static GCounter Of(ImmutableDictionary<string, long> counts) => counts.IsEmpty ? Empty : new(counts);

    /// <inheritdoc/>
    public bool Equals(GCounter? other)
    {
        if (other is null || other.Counts.Count != Counts.Count)
        {
            return false;
        }

        foreach (var (node, count) in Counts)
        {
            if (other.Counts.GetValueOrDefault(node) != count)
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as GCounter);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Counts.Count, Value);

    /// <inheritdoc/>
    public override string ToString() => $"GCounter {Value} [{string.Join(", ", Counts)}]";
}
