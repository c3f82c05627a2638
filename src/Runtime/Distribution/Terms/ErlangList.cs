using System;
using System.Collections;
using System.Collections.Generic;

namespace Arbor.Distribution.Terms;

/// <summary>
/// An Erlang list <c>[A, B | Tail]</c>. A proper list has a <see langword="null"/> <see cref="Tail"/> (the list ends in
/// <c>[]</c>); an improper list's tail is any other term. Lists are stored flat: a tail that is itself a list is merged
/// in, as Erlang's <c>[1 | [2 | 3]]</c> is the term <c>[1, 2 | 3]</c>. Equality is structural.
/// </summary>
/// <remarks>
/// A list of small integers that arrived as Erlang's compact string encoding (a "charlist" such as <c>"abc"</c>) keeps
/// its bytes: <see cref="TryGetBytes"/> returns them without boxing, and its elements read as boxed <see cref="long"/>
/// values from a shared cache.
/// </remarks>
public sealed class ErlangList : IEquatable<ErlangList>
{
    private readonly IReadOnlyList<object> _elements;
    private readonly byte[]? _bytes;

    /// <summary>Creates a list of <paramref name="elements"/> ending in <paramref name="tail"/> (null: a proper list).</summary>
    public ErlangList(IReadOnlyList<object> elements, object? tail = null)
    {
        ArgumentNullException.ThrowIfNull(elements);
        if (tail is ErlangList rest)
        {
            if (rest.Count == 0)
            {
                tail = rest.Tail;
            }
            else
            {
                var merged = new object[elements.Count + rest.Count];
                for (var i = 0; i < elements.Count; i++)
                {
                    merged[i] = elements[i];
                }

                for (var i = 0; i < rest.Count; i++)
                {
                    merged[elements.Count + i] = rest.Elements[i];
                }

                elements = merged;
                tail = rest.Tail;
            }
        }

        _elements = elements;
        Tail = tail;
    }

    private ErlangList(byte[] bytes)
    {
        _bytes = bytes;
        _elements = new ByteElements(bytes);
    }

    /// <summary>The empty list <c>[]</c>.</summary>
    public static ErlangList Empty { get; } = new([], null);

    /// <summary>The elements before the tail.</summary>
    public IReadOnlyList<object> Elements => _elements;

    /// <summary>The number of elements before the tail.</summary>
    public int Count => _elements.Count;

    /// <summary>The tail: null for a proper list.</summary>
    public object? Tail { get; }

    /// <summary>True when the list ends in <c>[]</c>.</summary>
    public bool IsProper => Tail is null;

    /// <summary>A proper list of bytes (Erlang's charlist of Latin-1 characters); the array is used, not copied.</summary>
    public static ErlangList FromBytes(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return bytes.Length == 0 ? Empty : new ErlangList(bytes);
    }

    /// <summary>
    /// The list's elements as bytes when it is a proper list whose elements are all integers 0..255 (always true for a
    /// list decoded from Erlang's string encoding). Lists built from other elements are checked element by element.
    /// </summary>
    public bool TryGetBytes(out ReadOnlySpan<byte> bytes)
    {
        if (_bytes is not null)
        {
            bytes = _bytes;
            return true;
        }

        bytes = default;
        if (Tail is not null)
        {
            return false;
        }

        var copy = new byte[_elements.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            if (!TermValues.TryGetByte(_elements[i], out copy[i]))
            {
                return false;
            }
        }

        bytes = copy;
        return true;
    }

    /// <summary>The bytes of a list decoded from Erlang's string encoding (no checks, no copy).</summary>
    internal bool TryGetBytesCheap(out ReadOnlySpan<byte> bytes)
    {
        bytes = _bytes;
        return _bytes is not null;
    }

    /// <inheritdoc />
    public bool Equals(ErlangList? other) => TermEqualityComparer.Default.Equals(this, other);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ErlangList other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => TermEqualityComparer.Default.GetHashCode(this);

    /// <summary>The list in Erlang syntax.</summary>
    public override string ToString() => TermFormatter.Format(this);

    /// <summary>A byte array seen as a list of boxed integers (from a cache, so reading allocates nothing).</summary>
    private sealed class ByteElements(byte[] bytes) : IReadOnlyList<object>
    {
        public object this[int index] => TermValues.BoxedSmall(bytes[index]);

        public int Count => bytes.Length;

        public IEnumerator<object> GetEnumerator()
        {
            foreach (var b in bytes)
            {
                yield return TermValues.BoxedSmall(b);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
