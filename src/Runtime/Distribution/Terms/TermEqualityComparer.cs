using System;
using System.Collections.Generic;
using System.Numerics;

namespace Arbor.Distribution.Terms;

/// <summary>
/// Structural equality of dynamic terms, as Erlang's <c>=:=</c>: C# values that encode to the same term are equal
/// (<c>5</c> and <c>5L</c>; <c>true</c> and the atom <c>true</c>; a string and the binary of its UTF-8 bytes;
/// <see langword="null"/> and the atom <c>nil</c>); byte arrays compare by content; map pair order is ignored; an
/// integer never equals a float.
/// </summary>
public sealed class TermEqualityComparer : IEqualityComparer<object>
{
    private TermEqualityComparer()
    {
    }

    /// <summary>The comparer.</summary>
    public static TermEqualityComparer Default { get; } = new();

    /// <inheritdoc />
    public new bool Equals(object? x, object? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        x = TermValues.Canonical(x);
        y = TermValues.Canonical(y);
        switch (x)
        {
            case long l: return y is long otherLong && l == otherLong;
            case double d: return y is double otherDouble && d.Equals(otherDouble);
            case BigInteger big: return y is BigInteger otherBig && big == otherBig;
            case byte[] bytes: return y is byte[] otherBytes && bytes.AsSpan().SequenceEqual(otherBytes);
            case ErlangTuple a:
                {
                    if (y is not ErlangTuple b || a.Count != b.Count)
                    {
                        return false;
                    }

                    for (var i = 0; i < a.Count; i++)
                    {
                        if (!Equals(a[i], b[i]))
                        {
                            return false;
                        }
                    }

                    return true;
                }

            case ErlangList a:
                {
                    if (y is not ErlangList b || a.Count != b.Count)
                    {
                        return false;
                    }

                    if (a.TryGetBytesCheap(out var aBytes) && b.TryGetBytesCheap(out var bBytes))
                    {
                        return aBytes.SequenceEqual(bBytes);
                    }

                    for (var i = 0; i < a.Count; i++)
                    {
                        if (!Equals(a.Elements[i], b.Elements[i]))
                        {
                            return false;
                        }
                    }

                    return a.Tail is null ? b.Tail is null : b.Tail is not null && Equals(a.Tail, b.Tail);
                }

            case ErlangMap a:
                {
                    if (y is not ErlangMap b || a.Count != b.Count)
                    {
                        return false;
                    }

                    foreach (var pair in a.Pairs)
                    {
                        if (!b.TryGetValue(pair.Key, out var other) || !Equals(pair.Value, other))
                        {
                            return false;
                        }
                    }

                    return true;
                }

            default:
                return x.Equals(y);
        }
    }

    /// <inheritdoc />
    public int GetHashCode(object? obj)
    {
        var term = TermValues.Canonical(obj);
        switch (term)
        {
            case byte[] bytes:
                {
                    var hash = new HashCode();
                    hash.AddBytes(bytes);
                    return hash.ToHashCode();
                }

            case ErlangTuple tuple:
                {
                    var hash = new HashCode();
                    hash.Add(tuple.Count);
                    foreach (var element in tuple.AsSpan())
                    {
                        hash.Add(GetHashCode(element));
                    }

                    return hash.ToHashCode();
                }

            case ErlangList list:
                {
                    var hash = new HashCode();
                    hash.Add(list.Count);
                    for (var i = 0; i < list.Count; i++)
                    {
                        hash.Add(GetHashCode(list.Elements[i]));
                    }

                    hash.Add(list.Tail is null ? 0 : GetHashCode(list.Tail));
                    return hash.ToHashCode();
                }

            case ErlangMap map:
                {
                    // Order-independent: a sum of the pairs' hashes.
                    var sum = map.Count;
                    foreach (var pair in map.Pairs)
                    {
                        sum += HashCode.Combine(GetHashCode(pair.Key), GetHashCode(pair.Value));
                    }

                    return sum;
                }

            default:
                return term.GetHashCode();
        }
    }
}
