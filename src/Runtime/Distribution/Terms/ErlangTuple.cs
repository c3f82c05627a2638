using System;
using System.Collections;
using System.Collections.Generic;

namespace Arbor.Distribution.Terms;

/// <summary>An Erlang tuple <c>{A, B, ...}</c> of dynamic terms. Equality is structural (<see cref="TermEqualityComparer"/>).</summary>
public sealed class ErlangTuple : IReadOnlyList<object>, IEquatable<ErlangTuple>
{
    private readonly object[] _elements;

    /// <summary>Creates a tuple of <paramref name="elements"/> (the array is used as is, not copied).</summary>
    public ErlangTuple(params object[] elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        _elements = elements;
    }

    /// <summary>The empty tuple <c>{}</c>.</summary>
    public static ErlangTuple Empty { get; } = new([]);

    /// <summary>The tuple's arity.</summary>
    public int Count => _elements.Length;

    /// <summary>The element at <paramref name="index"/> (zero-based; Erlang's <c>element/2</c> is one-based).</summary>
    public object this[int index] => _elements[index];

    /// <summary>The elements as a span (no copy).</summary>
    public ReadOnlySpan<object> AsSpan() => _elements;

    /// <summary>True when this tuple's first element is the atom <paramref name="tag"/> and it has <paramref name="arity"/> elements.</summary>
    public bool IsTagged(Atom tag, int arity) => _elements.Length == arity && arity > 0 && _elements[0] is Atom first && first == tag;

    /// <inheritdoc />
    public IEnumerator<object> GetEnumerator() => ((IEnumerable<object>)_elements).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Equals(ErlangTuple? other) => TermEqualityComparer.Default.Equals(this, other);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ErlangTuple other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => TermEqualityComparer.Default.GetHashCode(this);

    /// <summary>The tuple in Erlang syntax.</summary>
    public override string ToString() => TermFormatter.Format(this);
}
