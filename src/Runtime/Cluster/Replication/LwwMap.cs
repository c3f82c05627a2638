using System;
using System.Collections.Generic;

namespace Arbor.Cluster.Replication;

/// <summary>
/// An observed-remove map whose values are last-writer-wins registers. A write supports its key with a new dot that
/// carries the value and a timestamp, and covers the dots it has observed for the key, so a write always replaces what
/// its replica has seen, whatever the clocks say. Writes that are concurrent (neither saw the other) both stay until
/// the next write; reads pick the one with the larger timestamp, then the larger replica id, then the larger counter —
/// the same on every replica. A remove drops the dots it observed (a concurrent write survives it) and leaves no
/// tombstone. Keys are compared with <see cref="EqualityComparer{T}.Default"/>.
/// </summary>
/// <typeparam name="TKey">The key type; must survive its <see cref="TermCodec{T}"/> round trip unchanged to replicate.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
public sealed class LwwMap<TKey, TValue> : IDeltaCrdt<LwwMap<TKey, TValue>>, IEquatable<LwwMap<TKey, TValue>>
    where TKey : notnull
{
    private LwwMap(DotKernel<TKey, LwwValue<TValue>> kernel) => Kernel = kernel;

    /// <summary>The empty map that has seen nothing.</summary>
    public static LwwMap<TKey, TValue> Empty { get; } = new(DotKernel<TKey, LwwValue<TValue>>.Empty);

    /// <summary>The number of keys.</summary>
    public int Count => Kernel.Entries.Count;

    /// <summary>The keys, in no particular order.</summary>
    public IEnumerable<TKey> Keys => Kernel.Entries.Keys;

    /// <summary>Every key with its current (winning) value, in no particular order.</summary>
    public IEnumerable<KeyValuePair<TKey, TValue>> Entries
    {
        get
        {
            foreach (var (key, dots) in Kernel.Entries)
            {
                yield return new(key, Winner(dots).Value);
            }
        }
    }

    /// <summary>Every dot this replica has seen.</summary>
    public CausalContext Context => Kernel.Context;

    internal DotKernel<TKey, LwwValue<TValue>> Kernel { get; }

    /// <summary>The current value of <paramref name="key"/>: the winner among concurrent writes.</summary>
    public bool TryGetValue(TKey key, out TValue value)
    {
        if (Kernel.Entries.TryGetValue(key, out var dots))
        {
            value = Winner(dots).Value;
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>Whether <paramref name="key"/> has a value.</summary>
    public bool ContainsKey(TKey key) => Kernel.Entries.ContainsKey(key);

    /// <summary>
    /// The delta of replica <paramref name="replica"/> writing <paramref name="value"/> under <paramref name="key"/>, stamped with
    /// <paramref name="timestamp"/> (UTC ticks by default; it only orders writes concurrent with this one).
    /// </summary>
    public LwwMap<TKey, TValue> SetDelta(string replica, TKey key, TValue value, long? timestamp = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new(Kernel.AddDelta(replica, key, new LwwValue<TValue>(timestamp ?? DateTime.UtcNow.Ticks, value)));
    }

    /// <summary>The delta of removing <paramref name="key"/> as this replica sees it (empty if it has no value).</summary>
    public LwwMap<TKey, TValue> RemoveDelta(TKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var delta = Kernel.RemoveDelta(key);
        return ReferenceEquals(delta, DotKernel<TKey, LwwValue<TValue>>.Empty) ? Empty : new(delta);
    }

    /// <summary>The delta of removing every key this replica sees.</summary>
    public LwwMap<TKey, TValue> ClearDelta()
    {
        var delta = Kernel.ClearDelta();
        return ReferenceEquals(delta, DotKernel<TKey, LwwValue<TValue>>.Empty) ? Empty : new(delta);
    }

    /// <inheritdoc/>
    public LwwMap<TKey, TValue> Join(LwwMap<TKey, TValue> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var joined = Kernel.Join(other.Kernel);
        return ReferenceEquals(joined, Kernel) ? this : ReferenceEquals(joined, other.Kernel) ? other : new(joined);
    }

    /// <summary>A map from a decoded kernel.</summary>
    internal static LwwMap<TKey, TValue> Of(DotKernel<TKey, LwwValue<TValue>> kernel) => new(kernel);

    private static LwwValue<TValue> Winner(IEnumerable<KeyValuePair<Dot, LwwValue<TValue>>> dots)
    {
        var first = true;
        Dot best = default;
        LwwValue<TValue> winner = default;
        foreach (var (dot, stamped) in dots)
        {
            if (first || stamped.Timestamp > winner.Timestamp || (stamped.Timestamp == winner.Timestamp && dot.CompareTo(best) > 0))
            {
                first = false;
                best = dot;
                winner = stamped;
            }
        }

        return winner;
    }

    /// <inheritdoc/>
    public bool Equals(LwwMap<TKey, TValue>? other) => other is not null && Kernel.Equals(other.Kernel);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as LwwMap<TKey, TValue>);

    /// <inheritdoc/>
    public override int GetHashCode() => Kernel.GetHashCode();

    /// <inheritdoc/>
    public override string ToString() => $"LwwMap [{string.Join(", ", Entries)}]";
}
