using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace Arbor.Distribution.Terms.Mapping;

/// <summary>Encoding of C# collections into dynamic terms, used by generated remote-protocol code (scalars need no
/// helper: <see cref="TermWriter"/> writes int, long, BigInteger, double, string, bool, byte[], Atom and Pid values as
/// they are).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TermEncoding
{
    /// <summary>A proper list of the encoded elements (<c>[]</c> for null).</summary>
    public static object List<T>(IEnumerable<T>? items, Func<T, object?> element)
    {
        if (items is null)
        {
            return Atom.Nil;
        }

        var encoded = new List<object>();
        foreach (var item in items)
        {
            encoded.Add(element(item) ?? Atom.Nil);
        }

        return encoded.Count == 0 ? ErlangList.Empty : new ErlangList(encoded);
    }

    /// <summary>A map of the encoded pairs.</summary>
    public static object Map<TKey, TValue>(IEnumerable<KeyValuePair<TKey, TValue>>? pairs, Func<TKey, object?> key, Func<TValue, object?> value)
    {
        if (pairs is null)
        {
            return Atom.Nil;
        }

        var encoded = new List<KeyValuePair<object, object>>();
        foreach (var pair in pairs)
        {
            encoded.Add(new KeyValuePair<object, object>(key(pair.Key) ?? Atom.Nil, value(pair.Value) ?? Atom.Nil));
        }

        return new ErlangMap(encoded);
    }

    /// <summary>A map with atom keys, for a record-like type.</summary>
    public static ErlangMap Record(params KeyValuePair<object, object>[] fields) => new(fields);

    /// <summary>A field of <see cref="Record"/>.</summary>
    public static KeyValuePair<object, object> Field(Atom key, object? value) => new(key, value ?? Atom.Nil);

    /// <summary>A tuple of the encoded elements.</summary>
    public static ErlangTuple Tuple(params object?[] elements)
    {
        var items = new object[elements.Length];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = elements[i] ?? Atom.Nil;
        }

        return new ErlangTuple(items);
    }
}
