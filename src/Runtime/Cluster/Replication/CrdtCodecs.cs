using Arbor.Cluster.Replication.Codecs;

namespace Arbor.Cluster.Replication;

/// <summary>
/// The wire codecs of the built-in CRDTs. Terms (replica ids are UTF-8 binaries, dots <c>{Replica, Counter}</c>, a causal
/// context <c>{[{Replica, UpTo}], [Dot]}</c>):
/// <list type="bullet">
/// <item><see cref="GCounter"/>: <c>[{Replica, Count}]</c>; <see cref="PNCounter"/>: <c>{Increments, Decrements}</c>.</item>
/// <item><see cref="ORSet{T}"/>: <c>{Context, [{Element, [{Replica, Counter}]}]}</c>; a delta adds a third element, the
/// keys it touched beyond its entries (<c>[Element]</c>), so a receiver visits only those (the same for the map).</item>
/// <item><see cref="LwwMap{TKey, TValue}"/>: <c>{Context, [{Key, [{Replica, Counter, {Timestamp, Value}}]}]}</c>.</item>
/// </list>
/// </summary>
public static class CrdtCodecs
{
    /// <summary>The codec of <see cref="Replication.GCounter"/>.</summary>
    public static CrdtCodec<GCounter> GCounter { get; } = new GCounterCodec();

    /// <summary>The codec of <see cref="Replication.PNCounter"/>.</summary>
    public static CrdtCodec<PNCounter> PNCounter { get; } = new PNCounterCodec();

    /// <summary>The codec of an <see cref="ORSet{T}"/> whose elements travel with <paramref name="element"/>.</summary>
    public static CrdtCodec<ORSet<T>> ORSet<T>(TermCodec<T> element)
        where T : notnull => new ORSetCodec<T>(element);

    /// <summary>The codec of an <see cref="LwwMap{TKey, TValue}"/> whose keys and values travel with the given codecs.</summary>
    public static CrdtCodec<LwwMap<TKey, TValue>> LwwMap<TKey, TValue>(TermCodec<TKey> key, TermCodec<TValue> value)
        where TKey : notnull => new LwwMapCodec<TKey, TValue>(key, value);
}
