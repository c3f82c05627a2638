using System;

namespace Arbor.Cluster.Replication;

/// <summary>
/// A counter that goes up and down: two <see cref="GCounter"/>s, one of increments and one of decrements; the value is
/// their difference. Concurrent increments and decrements on any nodes all count.
/// </summary>
public sealed class PNCounter : IDeltaCrdt<PNCounter>, IEquatable<PNCounter>
{
    private PNCounter(GCounter increments, GCounter decrements)
    {
        Increments = increments;
        Decrements = decrements;
    }

    /// <summary>The counter at zero that has seen nothing.</summary>
    public static PNCounter Empty { get; } = new(GCounter.Empty, GCounter.Empty);

    /// <summary>Every node's increments.</summary>
    public GCounter Increments { get; }

    /// <summary>Every node's decrements (counted up).</summary>
    public GCounter Decrements { get; }

    /// <summary>Increments minus decrements.</summary>
    public long Value => Increments.Value - Decrements.Value;

    /// <summary>The delta of replica <paramref name="replica"/> adding <paramref name="amount"/> (negative subtracts).</summary>
    public PNCounter IncrementDelta(string replica, long amount = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(replica);
        if (amount == long.MinValue)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), "The amount must be greater than long.MinValue.");
        }

        return amount switch
        {
            > 0 => new(Increments.IncrementDelta(replica, amount), GCounter.Empty),
            < 0 => new(GCounter.Empty, Decrements.IncrementDelta(replica, -amount)),
            _ => Empty,
        };
    }

    /// <summary>The delta of replica <paramref name="replica"/> subtracting <paramref name="amount"/>.</summary>
    public PNCounter DecrementDelta(string replica, long amount = 1) =>
        amount == long.MinValue ? throw new ArgumentOutOfRangeException(nameof(amount)) : IncrementDelta(replica, -amount);

    /// <inheritdoc/>
    public PNCounter Join(PNCounter other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var increments = Increments.Join(other.Increments);
        var decrements = Decrements.Join(other.Decrements);
        return ReferenceEquals(increments, Increments) && ReferenceEquals(decrements, Decrements) ? this : new(increments, decrements);
    }

    /// <summary>A counter from its two halves (a decoded one).</summary>
    internal static PNCounter Of(GCounter increments, GCounter decrements) => new(increments, decrements);

    /// <inheritdoc/>
    public bool Equals(PNCounter? other) => other is not null && Increments.Equals(other.Increments) && Decrements.Equals(other.Decrements);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as PNCounter);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Increments, Decrements);

    /// <inheritdoc/>
    public override string ToString() => $"PNCounter {Value}";
}
