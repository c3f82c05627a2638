using System.Diagnostics.CodeAnalysis;

namespace Arbor.Cluster.Replication;

/// <summary>
/// How a whole CRDT value (a full state or a delta) travels between nodes as an Erlang term. Decoding treats the term
/// as hostile: it checks every shape, count and counter, never throws, and says what was wrong. <see cref="CrdtCodecs"/>
/// has the codecs of the built-in types; implement this for a CRDT of your own.
/// </summary>
/// <typeparam name="T">The CRDT type.</typeparam>
public abstract class CrdtCodec<T>
    where T : class, IDeltaCrdt<T>
{
    /// <summary>The term of <paramref name="value"/>.</summary>
    public abstract object Encode(T value);

    /// <summary>Decodes <paramref name="term"/>; on false, <paramref name="error"/> says what is malformed.</summary>
    public abstract bool TryDecode(object term, [NotNullWhen(true)] out T? value, out string error);
}
