using System.Buffers;
using Arbor.Cluster.Replication;
using Arbor.Distribution.Terms.Mapping;

namespace Arbor.Cluster.Tests.Replication;

/// <summary>
/// The CRDT wire terms: every built-in type survives the trip through the external term format, and a hostile term —
/// wrong shapes, bad counters, broken invariants, random corruption — is rejected with a specific error, never a throw.
/// </summary>
public sealed class CrdtCodecTests
{
    private const string A = "a@h/1";
    private const string B = "b@h/2";

    private static readonly CrdtCodec<LwwMap<string, long>> MapCodec = CrdtCodecs.LwwMap(TermCodecs.String, TermCodecs.Int64);
    private static readonly CrdtCodec<ORSet<string>> SetCodec = CrdtCodecs.ORSet(TermCodecs.String);

    [Fact]
    public void Every_built_in_type_round_trips_through_the_external_term_format()
    {
        var map = LwwMap<string, long>.Empty;
        map = map.Apply(s => s.SetDelta(A, "x", 1, 10)).Apply(s => s.SetDelta(A, "y", -7, 11));
        map = map.Join(LwwMap<string, long>.Empty.SetDelta(B, "x", 2, 10)); // a concurrent write: two dots under "x"
        map = map.Join(FifthWriteOf(B));                                      // B's dots 4 and 5 without 2 and 3: a dot cloud
        Assert.NotEmpty(map.Context.Cloud);
        Assert.Equal(map, RoundTrip(MapCodec, map));

        var set = ORSet<string>.Empty;
        set = set.Apply(s => s.AddDelta(A, "p")).Apply(s => s.AddDelta(B, "q"));
        set = set.Apply(s => s.RemoveDelta("p"));
        Assert.Equal(set, RoundTrip(SetCodec, set));

        var counter = PNCounter.Empty;
        counter = counter.Apply(s => s.IncrementDelta(A, 40)).Apply(s => s.DecrementDelta(B, 2));
        Assert.Equal(counter, RoundTrip(CrdtCodecs.PNCounter, counter));
        Assert.Equal(38, RoundTrip(CrdtCodecs.PNCounter, counter).Value);

        var grow = GCounter.Empty.IncrementDelta(A, 3);
        Assert.Equal(grow, RoundTrip(CrdtCodecs.GCounter, grow));
        Assert.Equal(LwwMap<string, long>.Empty, RoundTrip(MapCodec, LwwMap<string, long>.Empty));
    }

    [Fact]
    public void A_delta_travels_with_the_keys_it_touched_and_removes_them_on_the_receiver()
    {
        var map = LwwMap<string, long>.Empty.Apply(s => s.SetDelta(A, "x", 1)).Apply(s => s.SetDelta(A, "y", 2));
        var remove = map.RemoveDelta("x");
        Assert.Equal(3, ((ErlangTuple)MapCodec.Encode(remove)).Count); // {Context, Entries, [x]}
        Assert.Equal(2, ((ErlangTuple)MapCodec.Encode(map)).Count);    // a state: {Context, Entries}

        var receiver = LwwMap<string, long>.Empty.Join(RoundTrip(MapCodec, map)).Join(RoundTrip(MapCodec, remove));
        Assert.False(receiver.ContainsKey("x"));
        Assert.True(receiver.ContainsKey("y"));
        Assert.Equal(map.Join(remove), receiver);
    }

    [Fact]
    public void A_user_supplied_value_codec_carries_its_own_type()
    {
        var point = TermCodec.Create<(int X, int Y)>(
            value => new ErlangTuple(value.X, value.Y),
            (object term, out (int X, int Y) value) =>
            {
                value = default;
                if (term is ErlangTuple { Count: 2 } tuple && TermDecoding.TryInt32(tuple[0], out var x) && TermDecoding.TryInt32(tuple[1], out var y))
                {
                    value = (x, y);
                    return true;
                }

                return false;
            },
            "point");
        var codec = CrdtCodecs.LwwMap(TermCodecs.String, point);
        var map = LwwMap<string, (int X, int Y)>.Empty.SetDelta(A, "here", (3, 4));
        var decoded = RoundTrip(codec, map);
        Assert.True(decoded.TryGetValue("here", out var value));
        Assert.Equal((3, 4), value);

        Assert.False(codec.TryDecode(Swap(MapCodec.Encode(LwwMap<string, long>.Empty.SetDelta(A, "k", 1)), "x"), out _, out var error));
        Assert.Contains("point", error, StringComparison.Ordinal);
    }

    public static TheoryData<string, object, string> Malformed => new()
    {
        { "not a tuple", Atom.Of("junk"), "not a 2-tuple" },
        { "context not a tuple", new ErlangTuple(ErlangList.Empty, ErlangList.Empty), "causal context" },
        { "vector not a list", new ErlangTuple(new ErlangTuple(42, ErlangList.Empty), ErlangList.Empty), "version vector is not a proper list" },
        { "zero counter", Entries(Context([new ErlangTuple(A, 0L)], [])), "positive" },
        { "replica id not a binary", Entries(Context([new ErlangTuple(7, 1L)], [])), "replica id" },
        { "replica id too long", Entries(Context([new ErlangTuple(new string('n', 600), 1L)], [])), "at most 512" },
        { "vector names a replica twice", Entries(Context([new ErlangTuple(A, 1L), new ErlangTuple(A, 2L)], [])), "twice" },
        { "stored dot outside the context", Entries(Context([new ErlangTuple(A, 1L)], []), Entry("k", Stored(A, 2L, 5L, 9))), "not in the causal context" },
        { "dot stored twice", Entries(Context([new ErlangTuple(A, 2L)], []), Entry("k", Stored(A, 1L, 5L, 9)), Entry("j", Stored(A, 1L, 5L, 9))), "appears twice" },
        { "key twice", Entries(Context([new ErlangTuple(A, 2L)], []), Entry("k", Stored(A, 1L, 5L, 9)), Entry("k", Stored(A, 2L, 5L, 9))), "appears twice" },
        { "entry without dots", Entries(Context([new ErlangTuple(A, 2L)], []), new ErlangTuple("k", ErlangList.Empty)), "no dots" },
        { "value of another type", Entries(Context([new ErlangTuple(A, 1L)], []), Entry("k", Stored(A, 1L, 5L, "nine"))), "not a long" },
        { "timestamp not an integer", Entries(Context([new ErlangTuple(A, 1L)], []), Entry("k", Stored(A, 1L, 5.5, 9))), "timestamp" },
        { "improper entries list", new ErlangTuple(Context([], []), new ErlangList([1], tail: 2)), "not a proper list" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_map_term_is_rejected_with_a_specific_error(string what, object term, string expected)
    {
        Assert.False(MapCodec.TryDecode(term, out var value, out var error), what);
        Assert.Null(value);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_count_is_rejected()
    {
        Assert.False(CrdtCodecs.PNCounter.TryDecode(new ErlangTuple(new ErlangList([new ErlangTuple(A, -1L)]), ErlangList.Empty), out _, out var error));
        Assert.Contains("non-negative", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Randomly_corrupted_terms_never_make_a_decoder_throw()
    {
        var map = LwwMap<string, long>.Empty;
        var set = ORSet<string>.Empty;
        var counter = PNCounter.Empty;
        for (var i = 0; i < 20; i++)
        {
            map = map.Apply(s => s.SetDelta(i % 2 == 0 ? A : B, "k" + (i % 7), i));
            set = set.Apply(s => s.AddDelta(i % 2 == 0 ? A : B, "e" + (i % 5)));
            counter = counter.Apply(s => s.IncrementDelta(i % 2 == 0 ? A : B, i - 10));
        }

        var random = new Random(20261203);
        var rejected = 0;
        for (var round = 0; round < 3000; round++)
        {
            rejected += Corrupted(random, MapCodec, map) + Corrupted(random, SetCodec, set) + Corrupted(random, CrdtCodecs.PNCounter, counter);
        }

        Assert.True(rejected > 1000, $"only {rejected} corrupted terms were rejected: the corruption is too mild to test anything");
    }

    /// <summary>Replaces one random subterm of a valid encoding with junk; 1 when the decoder rejected it.</summary>
    private static int Corrupted<T>(Random random, CrdtCodec<T> codec, T value)
        where T : class, IDeltaCrdt<T>
    {
        var term = Decode(Encode(codec.Encode(value)));
        var corrupted = Corrupt(random, term, depth: 0);
        var ok = codec.TryDecode(corrupted, out var decoded, out var error);
        Assert.True(ok ? decoded is not null : error.Length > 0);
        return ok ? 0 : 1;
    }

    private static readonly object[] Junk =
    [
        Atom.Of("x"), 0, -1, long.MaxValue, long.MinValue, 1.5, "", new string('z', 600), Array.Empty<byte>(), new byte[] { 0xff, 0xfe },
        ErlangList.Empty, new ErlangTuple(), new ErlangTuple(1, 2, 3), new ErlangList([1, 2], tail: 3), ErlangMap.Empty,
        System.Numerics.BigInteger.Pow(2, 80),
    ];

    private static object Corrupt(Random random, object term, int depth)
    {
        if (random.Next(6) == 0 || depth > 8)
        {
            return Junk[random.Next(Junk.Length)];
        }

        switch (term)
        {
            case ErlangTuple tuple when tuple.Count > 0:
            {
                var elements = new object[tuple.Count];
                for (var i = 0; i < tuple.Count; i++)
                {
                    elements[i] = tuple[i];
                }

                var index = random.Next(elements.Length);
                elements[index] = Corrupt(random, elements[index], depth + 1);
                return new ErlangTuple(elements);
            }

            case ErlangList list when list.Count > 0:
            {
                var elements = new List<object>(list.Elements);
                var index = random.Next(elements.Count);
                if (random.Next(4) == 0)
                {
                    elements.Add(elements[index]); // a duplicate entry
                }
                else
                {
                    elements[index] = Corrupt(random, elements[index], depth + 1);
                }

                return new ErlangList(elements);
            }

            default:
                return Junk[random.Next(Junk.Length)];
        }
    }

    private static T RoundTrip<T>(CrdtCodec<T> codec, T value)
        where T : class, IDeltaCrdt<T>
    {
        var term = Decode(Encode(codec.Encode(value)));
        Assert.True(codec.TryDecode(term, out var decoded, out var error), error);
        return decoded;
    }

    private static byte[] Encode(object term)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new TermWriter(buffer);
        writer.WriteVersion();
        writer.Write(term);
        return buffer.WrittenSpan.ToArray();
    }

    private static object Decode(byte[] bytes)
    {
        var reader = new TermReader(bytes, new AtomTable(1000));
        Assert.True(reader.TryReadVersion());
        return reader.ReadTerm();
    }

    /// <summary>The fifth write of <paramref name="replica"/> to one key, alone: its context holds dots 4 and 5 only (a cloud).</summary>
    private static LwwMap<string, long> FifthWriteOf(string replica)
    {
        var writer = LwwMap<string, long>.Empty;
        for (var i = 0; i < 4; i++)
        {
            writer = writer.Apply(s => s.SetDelta(replica, "tmp", i));
        }

        return writer.SetDelta(replica, "tmp", 5);
    }

    private static ErlangTuple Context(object[] vector, object[] cloud) => new(List(vector), List(cloud));

    private static ErlangList List(object[] elements) => elements.Length == 0 ? ErlangList.Empty : new ErlangList(elements);

    private static ErlangTuple Entries(ErlangTuple context, params object[] entries) => new(context, List(entries));

    private static ErlangTuple Entry(string key, params object[] dots) => new(key, List(dots));

    private static ErlangTuple Stored(string replica, long counter, object timestamp, object value) => new(replica, counter, new ErlangTuple(timestamp, value));

    /// <summary>Replaces the value inside the first stored dot of an encoded map with <paramref name="value"/>.</summary>
    private static object Swap(object encoded, object value)
    {
        var map = (ErlangTuple)encoded;
        var entry = (ErlangTuple)((ErlangList)map[1]).Elements[0];
        var stored = (ErlangTuple)((ErlangList)entry[1]).Elements[0];
        var stamped = (ErlangTuple)stored[2];
        return new ErlangTuple(map[0], new ErlangList([new ErlangTuple(entry[0], new ErlangList([new ErlangTuple(stored[0], stored[1], new ErlangTuple(stamped[0], value))]))]));
    }
}
