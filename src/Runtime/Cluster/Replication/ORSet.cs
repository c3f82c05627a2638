using System;
using System.Collections.Generic;

namespace Arbor.Cluster.Replication;

/// <summary>
/// An observed-remove (add-wins) set. An add supports its element with a new dot; a remove drops the dots it has
/// observed, so an add concurrent with a remove survives it. Removes leave no tombstones: they live on only as dots in
/// the <see cref="Context"/>. Elements are compared with <see cref="EqualityComparer{T}.Default"/>.
/// </summary>
/// <typeparam name="T">The element type; must survive its <see cref="TermCodec{T}"/> round trip unchanged to replicate.</typeparam>
public sealed class ORSet<T> : IDeltaCrdt<ORSet<T>>, IEquatable<ORSet<T>>
    where T : notnull
{
    private ORSet(DotKernel<T, bool> kernel) => Kernel = kernel;

    /// <summary>The empty set that has seen nothing.</summary>
    public static ORSet<T> Empty { get; } = new(DotKernel<T, bool>.Empty);

    /// <summary>The number of elements.</summary>
    public int Count => Kernel.Entries.Count;

    /// <summary>The elements, in no particular order.</summary>
    public IEnumerable<T> Elements => Kernel.Entries.Keys;

    /// <summary>Every dot this replica has seen.</summary>
    public CausalContext Context => Kernel.Context;

    internal DotKernel<T, bool> Kernel { get; }

    /// <summary>What each dot of a set carries (a set's dots carry nothing; the constant keeps payloads equal).</summary>
    internal const bool Present = true;

    /// <summary>Whether <paramref name="element"/> is in the set.</summary>
    public bool Contains(T element) => Kernel.Entries.ContainsKey(element);

    /// <summary>The dots supporting <paramref name="element"/> (more than one after concurrent adds).</summary>
    public IEnumerable<Dot> DotsOf(T element) => Kernel.Entries.TryGetValue(element, out var dots) ? dots.Keys : [];

    /// <summary>The delta of replica <paramref name="replica"/> adding <paramref name="element"/>.</summary>
    public ORSet<T> AddDelta(string replica, T element)
    {
        ArgumentNullException.ThrowIfNull(element);
        return new(Kernel.AddDelta(replica, element, Present));
    }

    /// <summary>The delta of removing <paramref name="element"/> as this replica sees it (empty if it is not in the set).</summary>
    public ORSet<T> RemoveDelta(T element)
    {
        ArgumentNullException.ThrowIfNull(element);
        var delta = Kernel.RemoveDelta(element);
        return ReferenceEquals(delta, DotKernel<T, bool>.Empty) ? Empty : new(delta);
    }

    /// <summary>The delta of removing every element this replica sees.</summary>
    public ORSet<T> ClearDelta()
    {
        var delta = Kernel.ClearDelta();
        return ReferenceEquals(delta, DotKernel<T, bool>.Empty) ? Empty : new(delta);
    }

    /// <inheritdoc/>
    public ORSet<T> Join(ORSet<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var joined = Kernel.Join(other.Kernel);
        return ReferenceEquals(joined, Kernel) ? this : ReferenceEquals(joined, other.Kernel) ? other : new(joined);
    }

    /// <summary>A set from a decoded kernel.</summary>
    internal static ORSet<T> Of(DotKernel<T, bool> kernel) => new(kernel);

    /// <inheritdoc/>
    public bool Equals(ORSet<T>? other) => other is not null && Kernel.Equals(other.Kernel);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ORSet<T>);

    /// <inheritdoc/>
    public override int GetHashCode() => Kernel.GetHashCode();

    /// <inheritdoc/>
    public override string ToString() => $"ORSet [{string.Join(", ", Elements)}]";
}
