using System;
using System.Collections.Generic;
using System.Threading;

namespace Arbor.Distribution.Terms;

/// <summary>
/// An Erlang map <c>#{K => V}</c> of dynamic terms. Keys are unique under <see cref="TermEqualityComparer"/> (as Erlang's
/// <c>=:=</c>: <c>1</c> and <c>1.0</c> are different keys). Pair order carries no meaning; equality ignores it.
/// </summary>
public sealed class ErlangMap : IEquatable<ErlangMap>
{
    // Small maps are searched linearly; larger ones build a dictionary on first lookup.
    private const int LinearSearchLimit = 8;

    private readonly KeyValuePair<object, object>[] _pairs;
    private Dictionary<object, object>? _index;

    /// <summary>Creates a map of <paramref name="pairs"/>.</summary>
    /// <exception cref="ArgumentException">Two keys are equal.</exception>
    public ErlangMap(IEnumerable<KeyValuePair<object, object>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        _pairs = [.. pairs];
        if (FindDuplicateKey(_pairs) is { } duplicate)
        {
            throw new ArgumentException($"The key {TermFormatter.Format(_pairs[duplicate].Key)} appears twice in the map.", nameof(pairs));
        }
    }

    private ErlangMap(KeyValuePair<object, object>[] pairs) => _pairs = pairs;

    /// <summary>The empty map <c>#{}</c>.</summary>
    public static ErlangMap Empty { get; } = new(Array.Empty<KeyValuePair<object, object>>());

    /// <summary>The key/value pairs, in the order they were given or decoded.</summary>
    public IReadOnlyList<KeyValuePair<object, object>> Pairs => _pairs;

    /// <summary>The pairs without an enumerator allocation (for the writer).</summary>
    internal ReadOnlySpan<KeyValuePair<object, object>> PairSpan => _pairs;

    /// <summary>The number of pairs.</summary>
    public int Count => _pairs.Length;

    /// <summary>Finds the value for <paramref name="key"/> (compared structurally).</summary>
    public bool TryGetValue(object key, out object value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_pairs.Length <= LinearSearchLimit)
        {
            foreach (var pair in _pairs)
            {
                if (TermEqualityComparer.Default.Equals(pair.Key, key))
                {
                    value = pair.Value;
                    return true;
                }
            }

            value = null!;
            return false;
        }

        var index = Volatile.Read(ref _index) ?? BuildIndex();
        return index.TryGetValue(key, out value!);
    }

    /// <summary>Creates a map of pairs the caller owns; null when two keys are equal (for the decoder, which reports it).</summary>
    internal static ErlangMap? TryCreate(KeyValuePair<object, object>[] pairs, out int duplicateIndex)
    {
        duplicateIndex = FindDuplicateKey(pairs) ?? -1;
        return duplicateIndex >= 0 ? null : new ErlangMap(pairs);
    }

    /// <inheritdoc />
    public bool Equals(ErlangMap? other) => TermEqualityComparer.Default.Equals(this, other);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ErlangMap other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => TermEqualityComparer.Default.GetHashCode(this);

    /// <summary>The map in Erlang syntax.</summary>
    public override string ToString() => TermFormatter.Format(this);

    private Dictionary<object, object> BuildIndex()
    {
        var index = new Dictionary<object, object>(_pairs.Length, TermEqualityComparer.Default);
        foreach (var pair in _pairs)
        {
            index[pair.Key] = pair.Value;
        }

        return Interlocked.CompareExchange(ref _index, index, null) ?? index;
    }

    private static int? FindDuplicateKey(KeyValuePair<object, object>[] pairs)
    {
        if (pairs.Length <= LinearSearchLimit)
        {
            for (var i = 1; i < pairs.Length; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (TermEqualityComparer.Default.Equals(pairs[i].Key, pairs[j].Key))
                    {
                        return i;
                    }
                }
            }

            return null;
        }

        var seen = new HashSet<object>(pairs.Length, TermEqualityComparer.Default);
        for (var i = 0; i < pairs.Length; i++)
        {
            if (!seen.Add(pairs[i].Key))
            {
                return i;
            }
        }

        return null;
    }
}
