using System;

namespace Arbor.Cluster.Replication;

/// <summary>Applying mutations to a replica held in a variable.</summary>
public static class CrdtExtensions
{
    /// <summary>
    /// Joins the delta <paramref name="mutation"/> makes from <paramref name="state"/> into it:
    /// <c>set = set.Apply(s =&gt; s.AddDelta(replica, "x")).Apply(s =&gt; s.AddDelta(replica, "y"))</c>. Each delta must be
    /// made from the state that already includes the previous ones — two deltas made from one state reuse one dot.
    /// </summary>
    public static T Apply<T>(this T state, Func<T, T> mutation)
        where T : class, IDeltaCrdt<T> => state.Apply(mutation, out _);

    /// <summary>Like <see cref="Apply{T}(T, Func{T, T})"/>, also giving the delta (to ship it to other replicas).</summary>
    public static T Apply<T>(this T state, Func<T, T> mutation, out T delta)
        where T : class, IDeltaCrdt<T>
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(mutation);
        delta = mutation(state);
        return state.Join(delta);
    }
}
