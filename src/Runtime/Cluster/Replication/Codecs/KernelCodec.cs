using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Arbor.Distribution.Terms;

namespace Arbor.Cluster.Replication.Codecs;

/// <summary>
/// The term of a <see cref="DotKernel{TKey, TPayload}"/>: <c>{Context, [{Key, [DotEntry]}]}</c> for a state and
/// <c>{Context, [{Key, [DotEntry]}], [TouchedKey]}</c> for a delta (the keys it touched beyond its entries, such as removed
/// ones), where a dot entry is <c>{Replica, Counter}</c> or, when dots carry a payload, <c>{Replica, Counter, Payload}</c>. Decoding also checks the
/// kernel's invariants: every stored dot is in the context and belongs to one key, and no key appears twice. Without a
/// payload codec every decoded dot carries <paramref name="implicitPayload"/>.
/// </summary>
internal sealed class KernelCodec<TKey, TPayload>(
    TermCodec<TKey> key, Func<TPayload, object>? payload, KernelCodec<TKey, TPayload>.PayloadDecoder? decodePayload, TPayload implicitPayload)
    where TKey : notnull
{
    /// <summary>Decodes one dot's payload term; false with an error when malformed.</summary>
    public delegate bool PayloadDecoder(object term, out TPayload value, out string error);

    public object Encode(DotKernel<TKey, TPayload> kernel)
    {
        var entries = new List<object>(kernel.Entries.Count);
        foreach (var (k, dots) in kernel.Entries)
        {
            var dotTerms = new List<object>(dots.Count);
            foreach (var (dot, value) in dots)
            {
                dotTerms.Add(payload is null ? new ErlangTuple(dot.Replica, dot.Counter) : new ErlangTuple(dot.Replica, dot.Counter, payload(value)));
            }

            entries.Add(new ErlangTuple(key.Encode(k), CrdtTerms.List(dotTerms)));
        }

        if (kernel.Touched is not { } touched)
        {
            return new ErlangTuple(CrdtTerms.Context(kernel.Context), CrdtTerms.List(entries));
        }

        var removed = new List<object>();
        foreach (var k in touched)
        {
            if (!kernel.Entries.ContainsKey(k))
            {
                removed.Add(key.Encode(k));
            }
        }

        return new ErlangTuple(CrdtTerms.Context(kernel.Context), CrdtTerms.List(entries), CrdtTerms.List(removed));
    }

    public bool TryDecode(object term, out DotKernel<TKey, TPayload> kernel, out string error)
    {
        kernel = DotKernel<TKey, TPayload>.Empty;
        var isDelta = term is ErlangTuple { Count: 3 };
        if (!CrdtTerms.TryTuple(term, isDelta ? 3 : 2, "A replicated set or map", out var tuple, out error) ||
            !CrdtTerms.TryContext(tuple[0], out var context, out error) ||
            !CrdtTerms.TryList(tuple[1], "The entries", out var entryTerms, out error))
        {
            return false;
        }

        var entries = ImmutableDictionary.CreateBuilder<TKey, ImmutableDictionary<Dot, TPayload>>();
        var seen = new HashSet<Dot>();
        foreach (var entryTerm in entryTerms)
        {
            if (!CrdtTerms.TryTuple(entryTerm, 2, "An entry", out var entry, out error) ||
                !CrdtTerms.TryList(entry[1], "An entry's dots", out var dotTerms, out error))
            {
                return false;
            }

            if (!key.TryDecode(entry[0], out var k) || k is null)
            {
                error = $"An entry's key is not a {key.Name}: {CrdtTerms.Describe(entry[0])}.";
                return false;
            }

            if (dotTerms.Count == 0)
            {
                error = $"The entry {CrdtTerms.Describe(entry[0])} has no dots.";
                return false;
            }

            var dots = ImmutableDictionary.CreateBuilder<Dot, TPayload>();
            foreach (var dotTerm in dotTerms)
            {
                if (!TryDotEntry(dotTerm, out var dot, out var value, out error))
                {
                    return false;
                }

                if (!context.Contains(dot))
                {
                    error = $"The dot {dot} is stored but not in the causal context.";
                    return false;
                }

                if (!seen.Add(dot))
                {
                    error = $"The dot {dot} appears twice.";
                    return false;
                }

                dots[dot] = value;
            }

            if (!entries.TryAdd(k, dots.ToImmutable()))
            {
                error = $"The key {CrdtTerms.Describe(entry[0])} appears twice.";
                return false;
            }
        }

        ImmutableHashSet<TKey>? touched = null;
        if (isDelta)
        {
            if (!CrdtTerms.TryList(tuple[2], "A delta's touched keys", out var touchedTerms, out error))
            {
                return false;
            }

            var keys = ImmutableHashSet.CreateBuilder<TKey>();
            keys.UnionWith(entries.Keys);
            foreach (var touchedTerm in touchedTerms)
            {
                if (!key.TryDecode(touchedTerm, out var k) || k is null)
                {
                    error = $"A touched key is not a {key.Name}: {CrdtTerms.Describe(touchedTerm)}.";
                    return false;
                }

                keys.Add(k);
            }

            touched = keys.ToImmutable();
        }

        kernel = new DotKernel<TKey, TPayload>(entries.ToImmutable(), context, touched);
        return true;
    }

    private bool TryDotEntry(object term, out Dot dot, out TPayload value, out string error)
    {
        dot = default;
        value = implicitPayload;
        var arity = decodePayload is null ? 2 : 3;
        if (!CrdtTerms.TryTuple(term, arity, "A stored dot", out var tuple, out error) ||
            !CrdtTerms.TryReplica(tuple[0], out var node, out error) ||
            !CrdtTerms.TryPositive(tuple[1], "A dot counter", out var counter, out error))
        {
            return false;
        }

        dot = new Dot(node, counter);
        return decodePayload is null || decodePayload(tuple[2], out value, out error);
    }
}
