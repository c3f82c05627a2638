using Arbor.Distribution.Tests.Terms;
using Arbor.Tests.Shared;

namespace Arbor.Distribution.Tests.Interop;

/// <summary>
/// The codec against real Erlang: terms encoded by Arbor are decoded by erl's <c>binary_to_term</c>, re-encoded by
/// <c>term_to_binary</c> and decoded by Arbor again (property-style, seeded), and terms built in Erlang decode to what
/// Arbor expects and go back to erl unchanged. One erl process serves the whole class.
/// </summary>
public sealed class ErlangRoundTripTests(ErlangTermPeer erl) : IClassFixture<ErlangTermPeer>
{
    [ErlangFact]
    public void Random_terms_survive_a_round_trip_through_erl()
    {
        const int Seed = 14_2026;
        var terms = new RandomTerms(Seed);
        for (var i = 0; i < 1_500; i++)
        {
            var term = terms.Next();
            var ours = Codec.Encode(term);
            byte[] theirs;
            try
            {
                theirs = erl.RoundTrip(ours);
            }
            catch (InvalidOperationException e)
            {
                throw new Xunit.Sdk.XunitException($"seed {Seed}, case {i}: erl refused {term} encoded as [{string.Join(",", ours)}]: {e.Message}");
            }

            var back = Codec.Decode(theirs);
            Assert.True(TermEqualityComparer.Default.Equals(term, back), $"seed {Seed}, case {i}: sent {term}, erl returned {back}");
        }
    }

    [ErlangTheory]
    [InlineData("1 bsl 5000")]
    [InlineData("-(1 bsl 64)")]
    [InlineData("-(1 bsl 63)")]
    [InlineData("(1 bsl 63) - 1")]
    [InlineData("-12345678901234567890123456789012345678901234567890")]
    [InlineData("list_to_atom([16#1F600, $a, 16#E9])")]
    [InlineData("list_to_atom(lists:duplicate(255, 16#65E5))")]
    [InlineData("[1, 2 | 3]")]
    [InlineData("[a | <<\"tail\">>]")]
    [InlineData("<<1:3>>")]
    [InlineData("<<255, 7:5>>")]
    [InlineData("#{a => [1, 2], {b} => <<\"x\">>, 1 => 1.0, 1.0 => 1}")]
    [InlineData("maps:from_list([{N, N * N} || N <- lists:seq(1, 100)])")]
    [InlineData("\"abc\"")]
    [InlineData("lists:seq(1, 70000)")]
    [InlineData("lists:duplicate(70000, 7)")]
    [InlineData("{self(), list_to_ref(\"#Ref<0.1.2.3>\"), hd(erlang:ports())}")]
    [InlineData("list_to_pid(\"<0.4242.1>\")")]
    [InlineData("fun lists:map/2")]
    [InlineData("{1.5, -0.0, 1.0e308, 5.0e-324}")]
    [InlineData("<<\"héllo wörld\"/utf8>>")]
    [InlineData("{}")]
    [InlineData("list_to_tuple(lists:seq(1, 300))")]
    [InlineData("[true, false, nil, undefined, '', 'with space']")]
    public void Terms_built_in_erlang_decode_and_go_back_unchanged(string expression)
    {
        var theirs = erl.Evaluate(expression);
        var term = Codec.Decode(theirs);
        var ours = Codec.Encode(term);
        Assert.True(erl.Matches(ours, expression), $"{expression}: Arbor decoded {term} and wrote [{string.Join(",", ours[..Math.Min(64, ours.Length)])}…], which erl does not see as the same term");
    }

    [ErlangFact]
    public void A_fun_from_erlang_goes_back_unchanged()
    {
        var theirs = erl.Evaluate("fun(X) -> {X, 1} end");
        var fun = Assert.IsType<ErlangFun>(Codec.Decode(theirs));
        Assert.Equal(Atom.Of("erl_eval"), fun.Module);
        Assert.Equal(theirs, erl.RoundTrip(Codec.Encode(fun)));
    }

    [ErlangFact]
    public void Specific_arbor_values_decode_in_erlang_as_documented()
    {
        Assert.True(erl.Matches(Codec.Encode(new ErlangTuple(Atom.Of("add"), 5)), "{add, 5}"));
        Assert.True(erl.Matches(Codec.Encode("héllo"), "<<\"héllo\"/utf8>>"));
        Assert.True(erl.Matches(Codec.Encode(null), "nil"));
        Assert.True(erl.Matches(Codec.Encode(true), "true"));
        Assert.True(erl.Matches(Codec.Encode(Atom.Of("日本")), "'日本'"));
        Assert.True(erl.Matches(Codec.Encode(new ErlangList([1L, 2L], 3L)), "[1, 2 | 3]"));
        Assert.True(erl.Matches(Codec.Encode(BigInteger.Pow(-7, 301)), "(fun F(0, A) -> A; F(N, A) -> F(N - 1, A * -7) end)(301, 1)"));
        Assert.True(erl.Matches(Codec.Encode(new ErlangBitBinary([0b1010_0000], 3)), "<<5:3>>"));
        var pid = new ErlangPid(Atom.Of("arbor@host"), 42, 0, 7);
        Assert.Equal(pid, Codec.Decode(erl.RoundTrip(Codec.Encode(pid))));
    }

    [ErlangFact]
    public void Binaries_larger_than_ten_megabytes_round_trip()
    {
        var payload = new byte[12 * 1024 * 1024];
        new Random(1403).NextBytes(payload);
        var term = new ErlangTuple(Atom.Of("blob"), payload, new ErlangBitBinary(payload[..1000], 5));
        var theirs = erl.RoundTrip(Codec.Encode(term));
        var back = Assert.IsType<ErlangTuple>(Codec.Decode(theirs));
        Assert.True(payload.AsSpan().SequenceEqual(Assert.IsType<byte[]>(back[1])));
        Assert.Equal(term, back);
    }
}
