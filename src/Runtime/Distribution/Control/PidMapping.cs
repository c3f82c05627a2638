using System.Collections.Generic;
using Arbor.Distribution.Terms;

namespace Arbor.Distribution.Control;

/// <summary>
/// Converts between Arbor's <see cref="Pid"/> and the codec's <see cref="ErlangPid"/> inside terms, at the connection
/// boundary (the codec knows nothing of processes). Containers are copied only when something in them changes.
/// </summary>
internal static class PidMapping
{
    public static object ToWire(object? term, NodeDistribution distribution) => Map(term, distribution, toWire: true);

    public static object FromWire(object term, NodeDistribution distribution) => Map(term, distribution, toWire: false);

    // One static walk for both directions: no closure or delegate is allocated per container on the message path.
    private static object Map(object? term, NodeDistribution distribution, bool toWire) => term switch
    {
        null => toWire ? (object)ControlAtoms.Nil : null!, // decoded terms hold no nulls; only outgoing ones map null to nil
        Pid pid when toWire => distribution.ToWire(pid),
        ErlangPid pid when !toWire => distribution.FromWire(pid),
        ErlangTuple tuple => MapTuple(tuple, distribution, toWire),
        ErlangList list => MapList(list, distribution, toWire),
        ErlangMap map => MapMap(map, distribution, toWire),
        _ => term,
    };

    private static object MapTuple(ErlangTuple tuple, NodeDistribution distribution, bool toWire)
    {
        object[]? copy = null;
        for (var i = 0; i < tuple.Count; i++)
        {
            var mapped = Map(tuple[i], distribution, toWire);
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

    private static object MapList(ErlangList list, NodeDistribution distribution, bool toWire)
    {
        object[]? copy = null;
        var elements = list.Elements;
        for (var i = 0; i < elements.Count; i++)
        {
            var mapped = Map(elements[i], distribution, toWire);
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

        var tail = list.Tail is null ? null : Map(list.Tail, distribution, toWire);
        return copy is null && ReferenceEquals(tail, list.Tail) ? list : new ErlangList(copy ?? CopyOf(elements), tail);
    }

    private static object MapMap(ErlangMap map, NodeDistribution distribution, bool toWire)
    {
        List<KeyValuePair<object, object>>? copy = null;
        var pairs = map.Pairs;
        for (var i = 0; i < pairs.Count; i++)
        {
            var key = Map(pairs[i].Key, distribution, toWire);
            var value = Map(pairs[i].Value, distribution, toWire);
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
