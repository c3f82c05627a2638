using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Arbor.Distribution.Terms;
using Arbor.Distribution.Terms.Mapping;

namespace Arbor.Cluster.Replication.Codecs;

/// <summary>
/// The term pieces the built-in codecs share — node names, dots, causal contexts, per-node counts — and their checked
/// decoding: every reader returns false with a specific error instead of throwing, and sizes come only from lists that
/// already arrived (nothing is allocated from a length the peer claims).
/// </summary>
internal static class CrdtTerms
{
    /// <summary>The longest replica id accepted (a node name of at most 255 characters plus an incarnation).</summary>
    public const int MaxReplicaLength = 512;

    public static object Dot(Dot dot) => new ErlangTuple(dot.Replica, dot.Counter);

    public static object Context(CausalContext context)
    {
        var vector = new List<object>(context.Vector.Count);
        foreach (var (node, upTo) in context.Vector)
        {
            vector.Add(new ErlangTuple(node, upTo));
        }

        var cloud = new List<object>(context.Cloud.Count);
        foreach (var dot in context.Cloud)
        {
            cloud.Add(Dot(dot));
        }

        return new ErlangTuple(List(vector), List(cloud));
    }

    public static object Counts(ImmutableDictionary<string, long> counts)
    {
        var entries = new List<object>(counts.Count);
        foreach (var (node, count) in counts)
        {
            entries.Add(new ErlangTuple(node, count));
        }

        return List(entries);
    }

    public static ErlangList List(List<object> elements) => elements.Count == 0 ? ErlangList.Empty : new ErlangList(elements);

    public static bool TryList(object term, string what, out IReadOnlyList<object> elements, out string error)
    {
        if (term is ErlangList { IsProper: true } list)
        {
            elements = list.Elements;
            error = string.Empty;
            return true;
        }

        elements = [];
        error = $"{what} is not a proper list: {Describe(term)}.";
        return false;
    }

    public static bool TryTuple(object term, int arity, string what, out ErlangTuple tuple, out string error)
    {
        if (term is ErlangTuple candidate && candidate.Count == arity)
        {
            tuple = candidate;
            error = string.Empty;
            return true;
        }

        tuple = null!;
        error = $"{what} is not a {arity}-tuple: {Describe(term)}.";
        return false;
    }

    public static bool TryReplica(object term, out string node, out string error)
    {
        if (TermDecoding.TryString(term, out node) && node.Length is > 0 and <= MaxReplicaLength)
        {
            error = string.Empty;
            return true;
        }

        error = $"A replica id must be a non-empty UTF-8 binary of at most {MaxReplicaLength} characters: {Describe(term)}.";
        return false;
    }

    /// <summary>A positive 64-bit integer (dot counters, vector entries).</summary>
    public static bool TryPositive(object term, string what, out long value, out string error)
    {
        if (TermDecoding.TryInt64(term, out value) && value > 0)
        {
            error = string.Empty;
            return true;
        }

        error = $"{what} must be a positive 64-bit integer: {Describe(term)}.";
        return false;
    }

    public static bool TryDot(object term, out Dot dot, out string error)
    {
        dot = default;
        if (!TryTuple(term, 2, "A dot", out var tuple, out error) || !TryReplica(tuple[0], out var node, out error) ||
            !TryPositive(tuple[1], "A dot counter", out var counter, out error))
        {
            return false;
        }

        dot = new Dot(node, counter);
        return true;
    }

    public static bool TryContext(object term, out CausalContext context, out string error)
    {
        context = CausalContext.Empty;
        if (!TryTuple(term, 2, "A causal context", out var tuple, out error) ||
            !TryList(tuple[0], "A version vector", out var vectorTerms, out error) ||
            !TryList(tuple[1], "A dot cloud", out var cloudTerms, out error))
        {
            return false;
        }

        var vector = ImmutableDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
        foreach (var entry in vectorTerms)
        {
            if (!TryTuple(entry, 2, "A version vector entry", out var pair, out error) || !TryReplica(pair[0], out var node, out error) ||
                !TryPositive(pair[1], "A version vector counter", out var upTo, out error))
            {
                return false;
            }

            if (!vector.TryAdd(node, upTo))
            {
                error = $"The version vector names {node} twice.";
                return false;
            }
        }

        var cloud = new List<Dot>(cloudTerms.Count);
        foreach (var entry in cloudTerms)
        {
            if (!TryDot(entry, out var dot, out error))
            {
                return false;
            }

            cloud.Add(dot);
        }

        context = CausalContext.FromParts(vector.ToImmutable(), cloud);
        return true;
    }

    /// <summary>Per-node counts: <c>[{Node, Count}]</c>, counts not negative, each node once.</summary>
    public static bool TryCounts(object term, out ImmutableDictionary<string, long> counts, out string error)
    {
        counts = ImmutableDictionary<string, long>.Empty;
        if (!TryList(term, "A counter", out var entries, out error))
        {
            return false;
        }

        var builder = ImmutableDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (!TryTuple(entry, 2, "A counter entry", out var pair, out error) || !TryReplica(pair[0], out var node, out error))
            {
                return false;
            }

            if (!TermDecoding.TryInt64(pair[1], out var count) || count < 0)
            {
                error = $"The count of {node} must be a non-negative 64-bit integer: {Describe(pair[1])}.";
                return false;
            }

            if (!builder.TryAdd(node, count))
            {
                error = $"The counter names {node} twice.";
                return false;
            }
        }

        counts = builder.ToImmutable();
        return true;
    }

    /// <summary>A short description of a term for an error message (bounded, whatever the term's size).</summary>
    public static string Describe(object term)
    {
        string text;
        try
        {
            text = term switch
            {
                ErlangList list => $"a list of {list.Count}",
                ErlangTuple tuple => $"a {tuple.Count}-tuple",
                ErlangMap map => $"a map of {map.Count}",
                byte[] bytes => $"a binary of {bytes.Length} bytes",
                string s => $"a binary of {s.Length} characters",
                _ => term.ToString() ?? term.GetType().Name,
            };
        }
        catch (Exception)
        {
            text = term.GetType().Name;
        }

        return text.Length > 80 ? text[..80] + "…" : text;
    }
}
