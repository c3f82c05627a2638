using static Arbor.Distribution.Tests.Terms.Codec;

namespace Arbor.Distribution.Tests.Terms;

/// <summary>Known encodings (taken from OTP 25's <c>term_to_binary(T, [{minor_version, 2}])</c>): the writer produces
/// exactly these bytes and the reader turns them back into the value.</summary>
public sealed class TermVectorTests
{
    public static TheoryData<string, object, byte[]> Vectors => new()
    {
        { "SMALL_INTEGER 42", 42L, Bytes(131, 97, 42) },
        { "INTEGER -1", -1L, Bytes(131, 98, 255, 255, 255, 255) },
        { "INTEGER 300", 300L, Bytes(131, 98, 0, 0, 1, 44) },
        { "INTEGER int.MinValue", (long)int.MinValue, Bytes(131, 98, 128, 0, 0, 0) },
        { "SMALL_BIG 12345678901234567890", BigInteger.Parse("12345678901234567890"), Bytes(131, 110, 8, 0, 210, 10, 31, 235, 140, 169, 84, 171) },
        { "SMALL_BIG long.MinValue-1", BigInteger.Parse("-9223372036854775809"), Bytes(131, 110, 8, 1, 1, 0, 0, 0, 0, 0, 0, 128) },
        { "NEW_FLOAT 1.5", 1.5, Bytes(131, 70, 63, 248, 0, 0, 0, 0, 0, 0) },
        { "SMALL_ATOM_UTF8 héllo", Atom.Of("héllo"), Bytes(131, 119, 6, 104, 195, 169, 108, 108, 111) },
        { "SMALL_ATOM_UTF8 ok", Atom.Ok, Bytes(131, 119, 2, 111, 107) },
        { "atom true is bool", true, Bytes(131, 119, 4, 116, 114, 117, 101) },
        { "SMALL_TUPLE {a,1}", new ErlangTuple(Atom.Of("a"), 1L), Bytes(131, 104, 2, 119, 1, 97, 97, 1) },
        { "NIL", ErlangList.Empty, Bytes(131, 106) },
        { "STRING \"abc\"", ErlangList.FromBytes([97, 98, 99]), Bytes(131, 107, 0, 3, 97, 98, 99) },
        { "LIST [1,1000]", new ErlangList([1L, 1000L]), Bytes(131, 108, 0, 0, 0, 2, 97, 1, 98, 0, 0, 3, 232, 106) },
        { "LIST improper [1|2]", new ErlangList([1L], 2L), Bytes(131, 108, 0, 0, 0, 1, 97, 1, 97, 2) },
        { "BINARY", new byte[] { 1, 2, 3 }, Bytes(131, 109, 0, 0, 0, 3, 1, 2, 3) },
        { "BIT_BINARY <<5:3>>", new ErlangBitBinary([160], 3), Bytes(131, 77, 0, 0, 0, 1, 3, 160) },
        { "MAP #{a => 1}", new ErlangMap([new(Atom.Of("a"), 1L)]), Bytes(131, 116, 0, 0, 0, 1, 119, 1, 97, 97, 1) },
        {
            "NEW_PID", new ErlangPid(Atom.Of("nonode@nohost"), 42, 0, 0),
            Bytes(131, 88, 119, 13, 110, 111, 110, 111, 100, 101, 64, 110, 111, 104, 111, 115, 116, 0, 0, 0, 42, 0, 0, 0, 0, 0, 0, 0, 0)
        },
        {
            "NEWER_REFERENCE", new ErlangReference(Atom.Of("nonode@nohost"), 0, [184035, 2852651010, 2067823928]),
            Bytes(131, 90, 0, 3, 119, 13, 110, 111, 110, 111, 100, 101, 64, 110, 111, 104, 111, 115, 116, 0, 0, 0, 0, 0, 2, 206, 227, 170, 8, 0, 2, 123, 64, 125, 56)
        },
        {
            "NEW_PORT", new ErlangPort(Atom.Of("nonode@nohost"), 0, 0),
            Bytes(131, 89, 119, 13, 110, 111, 110, 111, 100, 101, 64, 110, 111, 104, 111, 115, 116, 0, 0, 0, 0, 0, 0, 0, 0)
        },
        {
            "EXPORT fun lists:map/2", new ErlangExport(Atom.Of("lists"), Atom.Of("map"), 2),
            Bytes(131, 113, 119, 5, 108, 105, 115, 116, 115, 119, 3, 109, 97, 112, 97, 2)
        },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Writer_produces_the_bytes_erlang_produces(string name, object value, byte[] expected)
    {
        Assert.True(expected.AsSpan().SequenceEqual(Encode(value)), $"{name}: wrote [{string.Join(",", Encode(value))}]");
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Reader_decodes_the_bytes_erlang_produces(string name, object value, byte[] encoded)
    {
        var decoded = Decode(encoded);
        Assert.True(TermEqualityComparer.Default.Equals(value, decoded), $"{name}: decoded {decoded}");
    }

    [Fact]
    public void Large_big_round_trips_with_a_four_byte_length()
    {
        var value = BigInteger.One << 2100;
        var bytes = Encode(value);
        Assert.Equal((byte)TermTag.LargeBig, bytes[1]);
        Assert.Equal(Bytes(0, 0, 1, 7, 0), bytes[2..7]);
        Assert.Equal(value, Decode(bytes));
        Assert.Equal(-value, Decode(Encode(-value)));
    }

    [Fact]
    public void Integers_that_fit_a_long_decode_as_long_even_from_a_big_encoding()
    {
        Assert.Equal(5L, Decode(Bytes(131, 110, 2, 0, 5, 0)));
        Assert.Equal(long.MinValue, Decode(Encode(long.MinValue)));
        Assert.Equal(long.MaxValue, Decode(Encode(long.MaxValue)));
        Assert.Equal(Bytes(131, 110, 8, 1, 0, 0, 0, 0, 0, 0, 0, 128), Encode(long.MinValue));
        Assert.Equal(new BigInteger(ulong.MaxValue), Decode(Encode(ulong.MaxValue)));
    }

    [Fact]
    public void Large_tuple_and_long_utf8_atom_use_the_wide_forms()
    {
        var elements = new object[256];
        for (var i = 0; i < elements.Length; i++)
        {
            elements[i] = (long)(i + 1);
        }

        var tuple = Encode(new ErlangTuple(elements));
        Assert.Equal(Bytes(131, 105, 0, 0, 1, 0, 97, 1), tuple[..8]);
        Assert.Equal(new ErlangTuple(elements), Decode(tuple));

        var name = string.Concat(System.Linq.Enumerable.Repeat("\U0001F600", 100));
        var atom = Encode(Atom.Of(name));
        Assert.Equal(Bytes(131, 118, 1, 144, 240, 159, 152, 128), atom[..8]);
        Assert.Equal(Atom.Of(name), Decode(atom));
    }

    [Fact]
    public void Obsolete_encodings_are_decoded()
    {
        // FLOAT_EXT from term_to_binary(1.5, [{minor_version, 0}]).
        Assert.Equal(1.5, Decode(Bytes(131, 99, 49, 46, 53, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 101, 43, 48, 48, 0, 0, 0, 0, 0)));
        Assert.Equal(Atom.Of("abc"), Decode(Bytes(131, 100, 0, 3, 97, 98, 99)));      // ATOM_EXT
        Assert.Equal(Atom.Of("abc"), Decode(Bytes(131, 115, 3, 97, 98, 99)));         // SMALL_ATOM_EXT
        Assert.Equal(Atom.Of("é"), Decode(Bytes(131, 115, 1, 0xE9)));                 // Latin-1
        Assert.Equal(false, Decode(Bytes(131, 100, 0, 5, 102, 97, 108, 115, 101)));     // false as a Latin-1 atom
        var node = Bytes(119, 1, 110);
        Assert.Equal(new ErlangPid(Atom.Of("n"), 1, 2, 3), Decode([131, 103, .. node, 0, 0, 0, 1, 0, 0, 0, 2, 3]));                 // PID_EXT
        Assert.Equal(new ErlangReference(Atom.Of("n"), 3, [7, 8]), Decode([131, 114, 0, 2, .. node, 3, 0, 0, 0, 7, 0, 0, 0, 8]));     // NEW_REFERENCE_EXT
        Assert.Equal(new ErlangReference(Atom.Of("n"), 3, [7]), Decode([131, 101, .. node, 0, 0, 0, 7, 3]));                         // REFERENCE_EXT
        Assert.Equal(new ErlangPort(Atom.Of("n"), 9, 3), Decode([131, 102, .. node, 0, 0, 0, 9, 3]));                                // PORT_EXT
        Assert.Equal(new ErlangPort(Atom.Of("n"), 1UL << 40, 3), Decode([131, 120, .. node, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 3]));   // V4_PORT_EXT
    }

    [Fact]
    public void Wide_port_ids_are_written_as_v4_port()
    {
        var port = new ErlangPort(Atom.Of("n"), 1UL << 40, 3);
        var bytes = Encode(port);
        Assert.Equal((byte)TermTag.V4Port, bytes[1]);
        Assert.Equal(port, Decode(bytes));
    }

    [Fact]
    public void A_fun_is_kept_opaque_and_written_back_unchanged()
    {
        // term_to_binary(fun(A) -> A + 1 end) from an erl shell (an erl_eval closure with one free variable).
        var encoded = Bytes(131, 112, 0, 0, 0, 177, 1, 6, 83, 97, 170, 70, 21, 144, 209, 189, 241, 235, 98, 209, 166, 235, 8, 0, 0, 0, 42, 0, 0, 0, 1, 119, 8, 101, 114, 108, 95, 101, 118, 97, 108, 97, 42, 98, 0, 50, 155, 13, 88, 119, 13, 110, 111, 110, 111, 100, 101, 64, 110, 111, 104, 111, 115, 116, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 104, 6, 97, 3, 106, 119, 4, 110, 111, 110, 101, 119, 4, 110, 111, 110, 101, 116, 0, 0, 0, 0, 108, 0, 0, 0, 1, 104, 5, 119, 6, 99, 108, 97, 117, 115, 101, 97, 3, 108, 0, 0, 0, 1, 104, 3, 119, 3, 118, 97, 114, 97, 3, 119, 1, 65, 106, 106, 108, 0, 0, 0, 1, 104, 5, 119, 2, 111, 112, 97, 3, 119, 1, 43, 104, 3, 119, 3, 118, 97, 114, 97, 3, 119, 1, 65, 104, 3, 119, 7, 105, 110, 116, 101, 103, 101, 114, 97, 3, 97, 1, 106, 106);
        var fun = Assert.IsType<ErlangFun>(Decode(encoded));
        Assert.Equal(Atom.Of("erl_eval"), fun.Module);
        Assert.Equal(1, fun.Arity);
        Assert.Equal(1, fun.FreeVariableCount);
        Assert.Equal(encoded, Encode(fun));
    }

    [Fact]
    public void Charlists_decode_as_byte_lists_and_compare_equal_to_integer_lists()
    {
        var list = Assert.IsType<ErlangList>(Decode(Bytes(131, 107, 0, 2, 104, 105)));
        Assert.True(list.TryGetBytes(out var bytes));
        Assert.Equal("hi"u8.ToArray(), bytes.ToArray());
        Assert.Equal(104L, list.Elements[0]);
        Assert.Equal(new ErlangList([104L, 105L]), list);
        Assert.Equal(Bytes(131, 107, 0, 2, 104, 105), Encode(new ErlangList([104, 105])));
    }

    [Fact]
    public void List_tails_that_are_lists_are_merged_as_erlang_does()
    {
        // [1 | [2 | 3]] is the term [1, 2 | 3].
        var nested = Decode(Bytes(131, 108, 0, 0, 0, 1, 97, 1, 108, 0, 0, 0, 1, 97, 2, 97, 3));
        Assert.Equal(new ErlangList([1L, 2L], 3L), nested);
        // [1 | "ab"] is [1, 97, 98], a proper list.
        Assert.Equal(new ErlangList([1L, 97L, 98L]), Decode(Bytes(131, 108, 0, 0, 0, 1, 97, 1, 107, 0, 2, 97, 98)));
    }

    [Fact]
    public void Csharp_values_map_to_the_documented_terms()
    {
        Assert.Equal(Encode(Atom.Nil), Encode(null));
        Assert.Equal(Encode("héllo"u8.ToArray()), Encode("héllo"));
        Assert.Equal(Encode(Atom.True), Encode(true));
        Assert.Equal(Encode(7L), Encode(7));
        Assert.Equal(Encode(7L), Encode((short)7));
        Assert.Equal(Encode(2.5), Encode(2.5f));
        Assert.Equal(Encode(new byte[] { 1 }), Encode(new ReadOnlyMemory<byte>([1])));
        Assert.Equal(Encode(new byte[] { 1, 2 }), Encode(new ErlangBitBinary([1, 2], 8)));
    }

    [Fact]
    public void Writer_refuses_values_without_an_erlang_form()
    {
        Assert.Throws<ArgumentException>(() => Encode(double.NaN));
        Assert.Throws<ArgumentException>(() => Encode(double.PositiveInfinity));
        Assert.Contains("System.Guid", Assert.Throws<ArgumentException>(() => Encode(Guid.Empty)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Encode(new ErlangReference(Atom.Of("n"), 0, [])));
    }

    [Fact]
    public void Writer_refuses_a_structure_that_contains_itself()
    {
        var elements = new object[1];
        var tuple = new ErlangTuple(elements);
        elements[0] = tuple;
        Assert.Contains("deeper", Assert.Throws<ArgumentException>(() => Encode(tuple)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Consecutive_terms_are_consecutive_reads()
    {
        var bytes = Bytes(97, 1, 119, 2, 111, 107, 106);
        var reader = new TermReader(bytes, new AtomTable(10));
        Assert.False(reader.TryReadVersion());
        Assert.Equal(1L, reader.ReadTerm());
        Assert.Equal(1, reader.Position - 1);
        Assert.Equal(Atom.Ok, reader.ReadTerm());
        Assert.Equal(ErlangList.Empty, reader.ReadTerm());
        Assert.Equal(0, reader.Remaining);
    }

    [Fact]
    public void Typed_reads_read_without_boxing_and_check_the_tag()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var writer = new TermWriter(buffer);
        writer.WriteTupleHeader(5);
        writer.WriteAtom(Atom.Of("send"));
        writer.WriteInteger(70000);
        writer.WriteBinary([9, 8]);
        writer.WritePid(new ErlangPid(Atom.Of("a@b"), 1, 2, 3));
        writer.WriteReference(new ErlangReference(Atom.Of("a@b"), 3, [1, 2, 3]));
        var reader = new TermReader(buffer.WrittenSpan, new AtomTable(10));
        Assert.Equal(TermTag.SmallTuple, reader.PeekTag());
        Assert.Equal(5, reader.ReadTupleHeader());
        Assert.Equal(Atom.Of("send"), reader.ReadAtom());
        Assert.Equal(70000L, reader.ReadInt64());
        Assert.Equal(Bytes(9, 8), reader.ReadBinary().ToArray());
        Assert.Equal(new ErlangPid(Atom.Of("a@b"), 1, 2, 3), reader.ReadPid());
        Assert.Equal(new ErlangReference(Atom.Of("a@b"), 3, [1, 2, 3]), reader.ReadReference());

        var wrong = new TermReader(Bytes(97, 1), new AtomTable(10));
        try
        {
            wrong.ReadAtom();
            Assert.Fail("An integer was read as an atom.");
        }
        catch (TermFormatException error)
        {
            Assert.Equal(0, error.Offset);
            Assert.Contains("expected an atom, found tag 97", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Atoms_print_like_erlang()
    {
        Assert.Equal("ok", Atom.Ok.ToString());
        Assert.Equal("'Hello world'", Atom.Of("Hello world").ToString());
        Assert.Equal("{ok,[1,2|3],<<1,2>>,#{a => 1.0}}", new ErlangTuple(Atom.Ok, new ErlangList([1L, 2L], 3L), new byte[] { 1, 2 }, new ErlangMap([new(Atom.Of("a"), 1.0)])).ToString());
    }
}
