using System;
using Arbor.Distribution.Terms.Mapping;

namespace Arbor.Cluster.Replication;

/// <summary>
/// How a value inside a replicated CRDT travels between nodes as an Erlang term: an encoder and a decoder that returns
/// false (never throws) for a term of another shape. <see cref="TermCodecs"/> has the ones for the types the term
/// mapping supports; <see cref="TermCodec.Create{T}"/> makes one for any other type.
/// </summary>
/// <typeparam name="T">The C# type.</typeparam>
public sealed class TermCodec<T>
{
    private readonly Func<T, object> _encode;
    private readonly TermDecoder<T> _decode;

    internal TermCodec(Func<T, object> encode, TermDecoder<T> decode, string name)
    {
        _encode = encode;
        _decode = decode;
        Name = name;
    }

    /// <summary>What the codec is for, used in decode errors.</summary>
    public string Name { get; }

    /// <summary>The term of <paramref name="value"/>.</summary>
    public object Encode(T value) => _encode(value);

    /// <summary>Decodes <paramref name="term"/>; false when it is not a <typeparamref name="T"/> (or the user decoder threw).</summary>
    public bool TryDecode(object term, out T value)
    {
        try
        {
            return _decode(term, out value);
        }
        catch (Exception)
        {
            // A user decoder that throws on a hostile term rejects it; the replicator logs the message as malformed.
            value = default!;
            return false;
        }
    }
}

/// <summary>Makes <see cref="TermCodec{T}"/>s.</summary>
public static class TermCodec
{
    /// <summary>A codec from an encoder (value → term) and a decoder that returns false for any term it does not accept.</summary>
    public static TermCodec<T> Create<T>(Func<T, object> encode, TermDecoder<T> decode, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(encode);
        ArgumentNullException.ThrowIfNull(decode);
        return new TermCodec<T>(encode, decode, name ?? typeof(T).Name);
    }
}
