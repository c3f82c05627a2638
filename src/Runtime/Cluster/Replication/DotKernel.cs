using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace Arbor.Cluster.Replication;

/// <summary>
/// The shared core of the observed-remove types: a map from keys to the dots that currently support them (each dot with
/// its payload, written once when the dot was made) and the <see cref="CausalContext"/> of every dot seen. Joining keeps
/// a dot present on both sides, or on one side when the other has not seen it; a dot one side has seen but no longer
/// stores was removed there, so it goes. Removing a key therefore only needs its dots in a delta's context — no
/// tombstones.
/// <para>A delta also knows the keys it <see cref="Touched"/>: its context holds dots of those keys only (a dot is made
/// for one key), so joining it into a replica visits those keys instead of walking the whole replica. A replica state
/// (and a decoded full state) has no such set and is joined key by key.</para>
/// </summary>
/// <typeparam name="TKey">The key (set element or map key).</typeparam>
/// <typeparam name="TPayload">What each dot carries (nothing for a set, the stamped value for a map).</typeparam>
internal sealed class DotKernel<TKey, TPayload> : IEquatable<DotKernel<TKey, TPayload>>
    where TKey : notnull
{
    private static readonly ImmutableDictionary<Dot, TPayload> NoDots = ImmutableDictionary<Dot, TPayload>.Empty;

    public DotKernel(ImmutableDictionary<TKey, ImmutableDictionary<Dot, TPayload>> entries, CausalContext context, ImmutableHashSet<TKey>? touched = null)
    {
        Entries = entries;
        Context = context;
        Touched = touched;
    }

    public static DotKernel<TKey, TPayload> Empty { get; } = new(ImmutableDictionary<TKey, ImmutableDictionary<Dot, TPayload>>.Empty, CausalContext.Empty);

    /// <summary>Every key with at least one supporting dot.</summary>
    public ImmutableDictionary<TKey, ImmutableDictionary<Dot, TPayload>> Entries { get; }

    public CausalContext Context { get; }

    /// <summary>For a delta: every key whose dots its context may cover (a superset of its entries' keys); null for a state.</summary>
    public ImmutableHashSet<TKey>? Touched { get; }

    /// <summary>A delta that supports <paramref name="key"/> with a new dot of replica <paramref name="replica"/> and covers the key's current dots (so they go).</summary>
    public DotKernel<TKey, TPayload> AddDelta(string replica, TKey key, TPayload payload)
    {
        var dot = Context.NextDot(replica);
        var covered = new List<Dot> { dot };
        if (Entries.TryGetValue(key, out var current))
        {
            covered.AddRange(current.Keys);
        }

        return new DotKernel<TKey, TPayload>(
            ImmutableDictionary<TKey, ImmutableDictionary<Dot, TPayload>>.Empty.Add(key, NoDots.Add(dot, payload)),
            CausalContext.Of(covered),
            ImmutableHashSet.Create(key));
    }

    /// <summary>A delta that covers the current dots of <paramref name="key"/>: it goes unless a concurrent add supports it again.</summary>
    public DotKernel<TKey, TPayload> RemoveDelta(TKey key) =>
        Entries.TryGetValue(key, out var current) ? new(Empty.Entries, CausalContext.Of(current.Keys), ImmutableHashSet.Create(key)) : Empty;

    /// <summary>A delta that covers every current dot.</summary>
    public DotKernel<TKey, TPayload> ClearDelta()
    {
        var all = new List<Dot>();
        foreach (var dots in Entries.Values)
        {
            all.AddRange(dots.Keys);
        }

        return all.Count == 0 ? Empty : new(Empty.Entries, CausalContext.Of(all));
    }

    public DotKernel<TKey, TPayload> Join(DotKernel<TKey, TPayload> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(this, other) || (other.Entries.IsEmpty && other.Context.IsEmpty))
        {
            return this;
        }

        ImmutableDictionary<TKey, ImmutableDictionary<Dot, TPayload>>.Builder? entries = null;
        if (other.Touched is { } touched)
        {
            // A delta: only the keys it touched can change.
            foreach (var key in touched)
            {
                var has = Entries.TryGetValue(key, out var mine);
                other.Entries.TryGetValue(key, out var theirs);
                Merge(ref entries, key, has ? mine! : NoDots, JoinDots(has ? mine! : NoDots, theirs, Context, other.Context));
            }
        }
        else
        {
            // Keys this side holds: drop dots the other side has seen and removed, add the other's dots this side has not seen.
            foreach (var (key, mine) in Entries)
            {
                other.Entries.TryGetValue(key, out var theirs);
                Merge(ref entries, key, mine, JoinDots(mine, theirs, Context, other.Context));
            }

            // Keys only the other side holds: its dots this side has not seen yet.
            foreach (var (key, theirs) in other.Entries)
            {
                if (!Entries.ContainsKey(key))
                {
                    Merge(ref entries, key, NoDots, JoinDots(NoDots, theirs, Context, other.Context));
                }
            }
        }

        var context = Context.Join(other.Context);
        var joinedTouched = Touched is not null && other.Touched is not null ? Touched.Union(other.Touched) : null;
        return entries is null && ReferenceEquals(context, Context) && ReferenceEquals(joinedTouched, Touched)
            ? this
            : new(entries?.ToImmutable() ?? Entries, context, joinedTouched);
    }

    private void Merge(
        ref ImmutableDictionary<TKey, ImmutableDictionary<Dot, TPayload>>.Builder? entries, TKey key, ImmutableDictionary<Dot, TPayload> before, ImmutableDictionary<Dot, TPayload> after)
    {
        if (ReferenceEquals(before, after))
        {
            return;
        }

        entries ??= Entries.ToBuilder();
        if (after.IsEmpty)
        {
            entries.Remove(key);
        }
        else
        {
            entries[key] = after;
        }
    }

    /// <summary>The dots of one key after a join; <paramref name="mine"/> itself when nothing changes.</summary>
    private static ImmutableDictionary<Dot, TPayload> JoinDots(
        ImmutableDictionary<Dot, TPayload> mine, ImmutableDictionary<Dot, TPayload>? theirs, CausalContext myContext, CausalContext theirContext)
    {
        ImmutableDictionary<Dot, TPayload>.Builder? result = null;
        foreach (var dot in mine.Keys)
        {
            if ((theirs is null || !theirs.ContainsKey(dot)) && theirContext.Contains(dot))
            {
                (result ??= mine.ToBuilder()).Remove(dot);
            }
        }

        if (theirs is not null)
        {
            foreach (var (dot, payload) in theirs)
            {
                if (!mine.ContainsKey(dot) && !myContext.Contains(dot))
                {
                    (result ??= mine.ToBuilder())[dot] = payload;
                }
            }
        }

        return result?.ToImmutable() ?? mine;
    }

    public bool Equals(DotKernel<TKey, TPayload>? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.Entries.Count != Entries.Count || !Context.Equals(other.Context))
        {
            return false;
        }

        var payloads = EqualityComparer<TPayload>.Default;
        foreach (var (key, mine) in Entries)
        {
            if (!other.Entries.TryGetValue(key, out var theirs) || theirs.Count != mine.Count)
            {
                return false;
            }

            foreach (var (dot, payload) in mine)
            {
                if (!theirs.TryGetValue(dot, out var their) || !payloads.Equals(payload, their))
                {
                    return false;
                }
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as DotKernel<TKey, TPayload>);

    public override int GetHashCode() => HashCode.Combine(Entries.Count, Context);
}
