using static Arbor.Distribution.Tests.Terms.Codec;

namespace Arbor.Distribution.Tests.Terms;

/// <summary>Hostile input: every refusal is a <see cref="TermFormatException"/> with the offset and a specific reason,
/// and nothing is allocated from a length the input cannot back.</summary>
public sealed class TermReaderHardeningTests
{
    [Theory]
    [InlineData(new byte[] { 131, 121, 1, 2, 3 }, 1, "LOCAL_EXT")]
    [InlineData(new byte[] { 131, 82, 0 }, 1, "ATOM_CACHE_REF")]
    [InlineData(new byte[] { 131, 80, 0, 0, 0, 1, 120 }, 1, "compressed")]
    [InlineData(new byte[] { 131, 117, 0 }, 1, "FUN_EXT")]
    [InlineData(new byte[] { 131, 131 }, 1, "version byte")]
    [InlineData(new byte[] { 131, 200 }, 1, "unknown tag 200")]
    [InlineData(new byte[] { 131 }, 1, "truncated")]
    [InlineData(new byte[] { 131, 98, 0, 0 }, 2, "truncated")]
    [InlineData(new byte[] { 131, 109, 255, 255, 255, 255 }, 2, "exceeds the input")]
    [InlineData(new byte[] { 131, 109, 127, 255, 255, 255, 0 }, 6, "truncated")]
    [InlineData(new byte[] { 131, 108, 0, 0, 0, 5, 97, 1, 106 }, 1, "list length 5")]
    [InlineData(new byte[] { 131, 105, 1, 0, 0, 0, 97, 1 }, 1, "tuple arity 16777216")]
    [InlineData(new byte[] { 131, 116, 0, 0, 0, 2, 97, 1, 97 }, 1, "map size 2")]
    [InlineData(new byte[] { 131, 116, 0, 0, 0, 2, 97, 1, 97, 2, 97, 1, 97, 3 }, 1, "appears twice")]
    [InlineData(new byte[] { 131, 110, 1, 2, 5 }, 1, "sign byte")]
    [InlineData(new byte[] { 131, 77, 0, 0, 0, 1, 0, 5 }, 1, "not 1..8")]
    [InlineData(new byte[] { 131, 77, 0, 0, 0, 0, 3 }, 1, "no bytes")]
    [InlineData(new byte[] { 131, 70, 127, 240, 0, 0, 0, 0, 0, 0 }, 1, "NaN or infinite")]
    [InlineData(new byte[] { 131, 119, 2, 0xC3, 0x28 }, 1, "not valid UTF-8")]
    [InlineData(new byte[] { 131, 90, 0, 0, 119, 1, 110, 0, 0, 0, 0 }, 1, "0 id words")]
    [InlineData(new byte[] { 131, 90, 0, 6, 119, 1, 110 }, 1, "6 id words")]
    [InlineData(new byte[] { 131, 88, 97, 1 }, 2, "node atom")]
    [InlineData(new byte[] { 131, 113, 119, 1, 109, 119, 1, 102, 98, 0, 0, 0, 1 }, 8, "arity")]
    [InlineData(new byte[] { 131, 112, 0, 0, 0, 3 }, 1, "smaller than its fixed fields")]
    public void Malformed_input_is_refused_with_the_offset_and_reason(byte[] input, int offset, string reason)
    {
        var error = DecodeFails(input);
        Assert.Equal(offset, error.Offset);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Old_float_text_that_is_not_a_number_is_refused()
    {
        var input = new byte[33];
        input[0] = 131;
        input[1] = 99;
        "1.5x"u8.CopyTo(input.AsSpan(2));
        Assert.Contains("not part of a number", DecodeFails(input).Message, StringComparison.Ordinal);
        input[5] = (byte)'9';
        Assert.Equal(1.59, Decode(input));
        "inf"u8.CopyTo(input.AsSpan(2));
        Assert.NotNull(DecodeFails(input));
    }

    [Fact]
    public void Depth_beyond_the_limit_is_refused_without_recursing_further()
    {
        // 100,000 nested one-element tuples: without a depth bound this would overflow the stack.
        var input = new byte[1 + (2 * 100_000) + 1];
        input[0] = 131;
        for (var i = 0; i < 100_000; i++)
        {
            input[1 + (2 * i)] = 104;
            input[2 + (2 * i)] = 1;
        }

        input[^1] = 106;
        var error = DecodeFails(input);
        Assert.Contains("MaxDepth (256)", error.Message, StringComparison.Ordinal);
        Assert.Equal(1 + (2 * 256), error.Offset);
        Assert.Contains("MaxDepth (3)", DecodeFails(input.AsSpan(0, 9).ToArray().Concat([(byte)106]), limits: new TermReaderLimits { MaxDepth = 3 }).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Element_and_size_limits_are_enforced()
    {
        var list = Encode(new ErlangList([1L, 2L, 3L, 4L]));
        Assert.Contains("MaxElements (3)", DecodeFails(list, limits: new TermReaderLimits { MaxElements = 3 }).Message, StringComparison.Ordinal);
        Assert.Contains("MaxTermBytes", DecodeFails(Encode(new byte[100]), limits: new TermReaderLimits { MaxTermBytes = 50 }).Message, StringComparison.Ordinal);
        Assert.Contains("MaxBigIntegerBytes", DecodeFails(Encode(BigInteger.One << 1000), limits: new TermReaderLimits { MaxBigIntegerBytes = 16 }).Message, StringComparison.Ordinal);
        Assert.Contains("MaxAtoms (2)", DecodeFails(Encode(new ErlangTuple(Atom.Ok, Atom.Ok, Atom.Ok)), limits: new TermReaderLimits { MaxAtoms = 2 }).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_atom_table_refuses_new_atoms_when_full_but_still_finds_known_ones()
    {
        // Names no test creates with Atom.Of (that would intern them locally, and local atoms never count).
        var table = new AtomTable(capacity: 100);
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal($"full_table_{i:D3}", ((Atom)Decode(AtomBytes($"full_table_{i:D3}"), table)).Name);
        }

        Assert.Equal(100, table.Count);
        var error = DecodeFails([131, 104, 2, 119, 2, 111, 107, .. AtomBytes("full_table_new").AsSpan(1)], table);
        Assert.Contains("atom table is full (100 atoms)", error.Message, StringComparison.Ordinal);
        Assert.Equal(7, error.Offset);

        // Atoms already in the table, and local atoms made with Atom.Of, still decode.
        Assert.Equal("full_table_007", ((Atom)Decode(AtomBytes("full_table_007"), table)).Name);
        Assert.Equal(Atom.Ok, Decode(Encode(Atom.Ok), table));
        Assert.Equal(100, table.Count);
    }

    private static byte[] AtomBytes(string name) => [131, 119, (byte)name.Length, .. System.Text.Encoding.UTF8.GetBytes(name)];

    [Fact]
    public void Atom_table_exhaustion_by_a_flood_of_distinct_atoms_stays_bounded()
    {
        // A peer sends 50,000 distinct atoms; the table keeps 1,000 and refuses the rest, each with a TermFormatException.
        var table = new AtomTable(1_000);
        var refused = 0;
        for (var i = 0; i < 50_000; i++)
        {
            var bytes = Bytes(131, 119, 8, 0, 0, 0, 0, 0, 0, 0, 0);
            System.Text.Encoding.ASCII.GetBytes($"f{i:D7}").CopyTo(bytes, 3);
            try
            {
                Decode(bytes, table);
            }
            catch (TermFormatException)
            {
                refused++;
            }
        }

        Assert.Equal(1_000, table.Count);
        Assert.Equal(49_000, refused);
    }

    [Fact]
    public void Atoms_longer_than_255_characters_are_refused()
    {
        var name = new byte[256];
        name.AsSpan().Fill((byte)'a');
        var error = DecodeFails([131, 118, 1, 0, .. name]);
        Assert.Contains("longer than 255", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Atom.Of(new string('a', 256)));
    }

    [Fact]
    public void A_fun_whose_size_disagrees_with_its_fields_is_refused()
    {
        var fun = (ErlangFun)Decode(Encode(Decode(Bytes(131, 112, 0, 0, 0, 52, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 0, 0, 0, 0, 0, 0, 0, 0, 119, 1, 109, 97, 0, 97, 0, 88, 119, 1, 110, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0))));
        Assert.Equal(0, fun.FreeVariableCount);
        var tooLong = Bytes(131, 112, 0, 0, 0, 53, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 0, 0, 0, 0, 0, 0, 0, 0, 119, 1, 109, 97, 0, 97, 0, 88, 119, 1, 110, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 106);
        Assert.Contains("NEW_FUN size says 53", DecodeFails(tooLong).Message, StringComparison.Ordinal);
        var tooShort = Bytes(131, 112, 0, 0, 0, 50, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 0, 0, 0, 0, 0, 0, 0, 0, 119, 1, 109, 97, 0, 97, 0, 88, 119, 1, 110, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0);
        Assert.Contains("longer than allowed", DecodeFails(tooShort).Message, StringComparison.Ordinal);
    }
}

internal static class ByteArrayExtensions
{
    public static byte[] Concat(this byte[] first, byte[] second) => [.. first, .. second];
}
