using System.Linq;
using System.Threading.Tasks;
using Arbor.Distribution.Terms.Mapping;
using Arbor.Distribution.Tests.Interop;
using Arbor.Distribution.Tests.Terms;
using Arbor.Protocol;
using Arbor.Tests.Shared;

namespace Arbor.Distribution.Tests.Mapping;

/// <summary>
/// The generated term codecs of a <c>[GenServer(Remote = true)]</c> server: each request decodes from its documented
/// Erlang shape into the message the local client would send, encodes back to it, and replies map both ways; the shapes
/// are checked against real erl (what Erlang/Elixir code writes is what Arbor reads).
/// </summary>
public sealed class RemoteProtocolTests(ErlangTermPeer erl) : IClassFixture<ErlangTermPeer>
{
    private static readonly IRemoteProtocol Protocol = Calculator.ArborRemoteProtocol.Instance;

    private static Atom A(string name) => Atom.Of(name);

    [Fact]
    public void A_remote_server_exposes_its_protocol_through_IRemoteServer()
    {
        // A GenServer is only constructed inside its process; the interface member needs no state.
        var server = (IRemoteServer)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(typeof(Calculator));
        Assert.Same(Protocol, server.RemoteProtocol);
    }

    [Fact]
    public void Calls_without_arguments_are_atoms_and_with_arguments_tagged_tuples()
    {
        Assert.True(Protocol.TryDecodeCall(A("get"), out var get));
        Assert.IsType<Calculator.ArborMessages.GetCall>(get);
        Assert.Equal(A("get"), Protocol.EncodeRequest(get));

        Assert.True(Protocol.TryDecodeCall(new ErlangTuple(A("add"), 5L), out var add));
        Assert.Equal(new ErlangTuple(A("add"), 5), Protocol.EncodeRequest(add));
        Assert.Equal(5L, Protocol.EncodeReply(add, 5L));

        Assert.True(Protocol.TryDecodeCast(A("reset"), out var reset));
        Assert.IsType<Calculator.ArborMessages.ResetCast>(reset);
        Assert.True(Protocol.TryDecodeCast(new ErlangTuple(A("set_total"), 7L), out var setTotal));
        Assert.Equal(new ErlangTuple(A("set_total"), 7L), Protocol.EncodeRequest(setTotal));
    }

    [Fact]
    public void Terms_of_the_wrong_shape_are_not_matched()
    {
        Assert.False(Protocol.TryDecodeCall(A("reset"), out _));                                  // a cast, not a call
        Assert.False(Protocol.TryDecodeCall(new ErlangTuple(A("add"), 1.5), out _));              // float for int
        Assert.False(Protocol.TryDecodeCall(new ErlangTuple(A("add"), 1L << 40), out _));         // does not fit int
        Assert.False(Protocol.TryDecodeCall(new ErlangTuple(A("add"), 1L, 2L), out _));           // arity
        Assert.False(Protocol.TryDecodeCall(new ErlangTuple(A("greet"), new byte[] { 0xFF }, true), out _)); // not UTF-8
        Assert.False(Protocol.TryDecodeCall(new ErlangTuple(A("next"), A("purple")), out _));     // no such enum member
        Assert.False(Protocol.TryDecodeCall(A("nothing"), out _));
        Assert.False(Protocol.TryDecodeCast(ErlangList.Empty, out _));
    }

    [Fact]
    public void Every_mapping_table_row_round_trips()
    {
        RoundTrip(new ErlangTuple(A("square"), BigInteger.Pow(10, 40)), typeof(Calculator.ArborMessages.SquareCall));
        RoundTrip(new ErlangTuple(A("greet"), "wörld"u8.ToArray(), true), typeof(Calculator.ArborMessages.GreetCall));
        RoundTrip(new ErlangTuple(A("move"), Map(("x", 1L), ("y", 2L)), new ErlangTuple(3L, 4L)), typeof(Calculator.ArborMessages.MoveCall));
        RoundTrip(new ErlangTuple(A("count_words"), new ErlangList(["a"u8.ToArray(), "b"u8.ToArray()])), typeof(Calculator.ArborMessages.CountWordsCall));
        RoundTrip(new ErlangTuple(A("next"), A("dark_green")), typeof(Calculator.ArborMessages.NextCall));
        RoundTrip(new ErlangTuple(A("next"), A("blue!")), typeof(Calculator.ArborMessages.NextCall));
        RoundTrip(new ErlangTuple(A("fetch"), 1L, ErlangList.FromBytes([1, 2, 3])), typeof(Calculator.ArborMessages.ReadCall));
        RoundTrip(new ErlangTuple(A("half"), 3.0), typeof(Calculator.ArborMessages.HalfCall));
        RoundTrip(new ErlangTuple(A("echo"), new ErlangTuple(1L, ErlangList.Empty), A("tag")), typeof(Calculator.ArborMessages.EchoCall_2));
        RoundTrip(
            new ErlangTuple(A("echo"), Map(("name", "Ann"u8.ToArray()), ("age", Atom.Nil), ("labels", new ErlangList(["x"u8.ToArray()])), ("home", Map(("x", 0L), ("y", 1L))))),
            typeof(Calculator.ArborMessages.EchoCall));
    }

    [Fact]
    public void Replies_map_both_ways()
    {
        Assert.True(Protocol.TryDecodeCall(new ErlangTuple(A("next"), A("blue!")), out var next));
        Assert.Equal(Atom.Nil, Protocol.EncodeReply(next, null));
        Assert.Equal(A("red"), Protocol.EncodeReply(next, Color.Red));
        Assert.True(Protocol.TryDecodeReply(next, A("dark_green"), out var color));
        Assert.Equal(Color.DarkGreen, color);
        Assert.True(Protocol.TryDecodeReply(next, Atom.Nil, out var none));
        Assert.Null(none);

        Assert.True(Protocol.TryDecodeCall(new ErlangTuple(A("move"), Map(("x", 1L), ("y", 2L)), new ErlangTuple(3L, 4L)), out var move));
        var reply = Protocol.EncodeReply(move, new Point(4, 6));
        Assert.Equal(Map(("x", 4L), ("y", 6L)), reply);
        Assert.True(Protocol.TryDecodeReply(move, reply, out var point));
        Assert.Equal(new Point(4, 6), point);
        Assert.False(Protocol.TryDecodeReply(move, A("oops"), out _));

        Assert.True(Protocol.TryDecodeCall(new ErlangTuple(A("count_words"), ErlangList.Empty), out var count));
        // Dictionary keys map like any value: a string key is a binary (an Elixir string), not an atom.
        Assert.Equal(new ErlangMap([new("a"u8.ToArray(), 2L)]), Protocol.EncodeReply(count, new Dictionary<string, int> { ["a"] = 2 }));
    }

    [Fact]
    public async Task A_decoded_call_completes_from_a_boxed_reply_and_yields_it_boxed()
    {
        // What the transport does with a call from another node: decode, complete (here directly), await boxed, encode.
        Assert.True(Protocol.TryDecodeCall(new ErlangTuple(A("add"), 5L), out var call));
        Assert.False(call.TryReplyBoxed("not a long"));
        Assert.True(call.TryReplyBoxed(5L));
        Assert.False(call.TryReplyBoxed(6L));
        var result = await call.AsBoxedValueTask();
        Assert.Equal(5L, Protocol.EncodeReply(call, result));

        // A nullable reply accepts null.
        Assert.True(Protocol.TryDecodeCall(new ErlangTuple(A("next"), A("blue!")), out var next));
        Assert.True(next.TryReplyBoxed(null));
        Assert.Null(await next.AsBoxedValueTask());
    }

    [Fact]
    public void Pids_pass_through_as_the_transport_maps_them()
    {
        Assert.True(Protocol.TryDecodeCall(new ErlangTuple(A("who_am_i"), Atom.Nil), out var call));
        Assert.Equal(new ErlangTuple(A("who_am_i"), Atom.Nil), Protocol.EncodeRequest(call));
        Assert.Equal(Pid.None, Protocol.EncodeReply(call, Pid.None));
    }

    [ErlangFact]
    public void The_documented_shapes_are_what_erlang_writes()
    {
        Matches("{add, 5}", typeof(Calculator.ArborMessages.AddCall));
        Matches("get", typeof(Calculator.ArborMessages.GetCall));
        Matches("{square, 1 bsl 200}", typeof(Calculator.ArborMessages.SquareCall));
        Matches("{greet, <<\"wörld\"/utf8>>, false}", typeof(Calculator.ArborMessages.GreetCall));
        Matches("{move, #{x => 1, y => -2}, {3, 4}}", typeof(Calculator.ArborMessages.MoveCall));
        Matches("{count_words, [<<\"a\">>, <<\"b\">>, <<\"a\">>]}", typeof(Calculator.ArborMessages.CountWordsCall));
        Matches("{next, dark_green}", typeof(Calculator.ArborMessages.NextCall));
        Matches("{next, 'blue!'}", typeof(Calculator.ArborMessages.NextCall));
        Matches("{fetch, 0, [1, 2, 255]}", typeof(Calculator.ArborMessages.ReadCall));
        Matches("{fetch, 1, \"abc\"}", typeof(Calculator.ArborMessages.ReadCall));
        Matches("{half, 1.5}", typeof(Calculator.ArborMessages.HalfCall));
        Matches("{echo, #{name => <<\"Ann\">>, age => nil, labels => [], home => nil, '__struct__' => 'Elixir.Profile'}}", typeof(Calculator.ArborMessages.EchoCall), roundTrips: false);
        Matches("{echo, #{name => <<\"Bo\">>, age => 41, labels => [<<\"x\">>], home => #{x => 0, y => 0}}}", typeof(Calculator.ArborMessages.EchoCall));
        Matches("{echo, {any, [term]}, tag}", typeof(Calculator.ArborMessages.EchoCall_2));
    }

    private void Matches(string erlang, Type messageType, bool roundTrips = true)
    {
        var term = Codec.Decode(erl.Evaluate(erlang));
        Assert.True(Protocol.TryDecodeCall(term, out var call), $"{erlang} did not decode");
        Assert.IsType(messageType, call);
        if (roundTrips)
        {
            // What Arbor encodes for the decoded message is the term Erlang wrote.
            Assert.True(erl.Matches(Codec.Encode(Protocol.EncodeRequest(call)), erlang), $"{erlang}: Arbor wrote {Protocol.EncodeRequest(call)}");
        }
    }

    private static void RoundTrip(object term, Type messageType)
    {
        Assert.True(Protocol.TryDecodeCall(term, out var call), $"{term} did not decode");
        Assert.IsType(messageType, call);
        var encoded = Protocol.EncodeRequest(call);
        Assert.True(TermEqualityComparer.Default.Equals(term, encoded), $"{term} encoded back as {encoded}");

        // The dynamic term also survives the wire encoding.
        Assert.True(TermEqualityComparer.Default.Equals(term, Codec.Decode(Codec.Encode(encoded))));
    }

    private static ErlangMap Map(params (string Key, object Value)[] pairs) =>
        new(pairs.Select(pair => new KeyValuePair<object, object>(Atom.Of(pair.Key), pair.Value)));
}
