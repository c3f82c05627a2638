using System.Collections.Generic;
using Arbor.Distribution.Terms;

namespace Arbor.Distribution.Control;

/// <summary>
/// Converts between Arbor's <see cref="Pid"/> and the codec's <see cref="ErlangPid"/> inside terms, at the connection
/// boundary (the codec knows nothing of processes). Containers are copied only when something in them changes.
/// </summary>
internal static class PidMapping
{
    public static object ToWire(object? term, NodeDistribution distribution) => term switch
    {
        null => ControlAtoms.Nil,
        Pid pid => distribution.ToWire(pid),
        ErlangTuple tuple => MapTuple(tuple, element => ToWire(element, distribution)),
        ErlangList list => MapList(list, element => ToWire(element, distribution)),
        ErlangMap map => MapMap(map, element => ToWire(element, distribution)),
        _ => term,
    };

    public static object FromWire(object term, NodeDistribution distribution) => term switch
    {
        ErlangPid pid => distribution.FromWire(pid),
        ErlangTuple tuple => MapTuple(tuple, element => FromWire(element, distribution)),
        ErlangList list => MapList(list, element => FromWire(element, distribution)),
        ErlangMap map => MapMap(map, element => FromWire(element, distribution)),
        _ => term,
    };

    private static object MapTuple(ErlangTuple tuple, System.Func<object, object> map)
    {
        object[]? copy = null;
        for (var i = 0; i < tuple.Count; i++)
        {
            var mapped = map(tuple[i]);
            if (!ReferenceEquals(mapped, tuple[i]) || copy is not null)
            {
                if (copy is null)
                {
                    copy = new object[tuple.Count];
                    for (var j = 0; j < i; j++)
                    {
                        copy[j] = tuple[j];
                    }
                }

                copy[i] = mapped;
            }
        }

        return copy is null ? tuple : new ErlangTuple(copy);
    }

    private static object MapList(ErlangList list, System.Func<object, object> map)
    {
        object[]? copy = null;
        var elements = list.Elements;
        for (var i = 0; i < elements.Count; i++)
        {
            var mapped = map(elements[i]);
            if (!ReferenceEquals(mapped, elements[i]) || copy is not null)
            {
                if (copy is null)
                {
                    copy = new object[elements.Count];
                    for (var j = 0; j < i; j++)
                    {
                        copy[j] = elements[j];
                    }
                }

                copy[i] = mapped;
            }
        }

        var tail = list.Tail is null ? null : map(list.Tail);
        return copy is null && ReferenceEquals(tail, list.Tail) ? list : new ErlangList(copy ?? CopyOf(elements), tail);
    }

    private static object MapMap(ErlangMap map, System.Func<object, object> mapTerm)
    {
        List<KeyValuePair<object, object>>? copy = null;
        var pairs = map.Pairs;
        for (var i = 0; i < pairs.Count; i++)
        {
            var key = mapTerm(pairs[i].Key);
            var value = mapTerm(pairs[i].Value);
            if (copy is null && (!ReferenceEquals(key, pairs[i].Key) || !ReferenceEquals(value, pairs[i].Value)))
            {
                copy = new List<KeyValuePair<object, object>>(pairs.Count);
                for (var j = 0; j < i; j++)
                {
                    copy.Add(pairs[j]);
                }
            }

            copy?.Add(new KeyValuePair<object, object>(key, value));
        }

        return copy is null ? map : new ErlangMap(copy);
    }

    private static object[] CopyOf(IReadOnlyList<object> elements)
    {
        var copy = new object[elements.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = elements[i];
        }

        return copy;
    }
}
