using System.Buffers;

namespace Arbor.Distribution.Tests.Terms;

/// <summary>Encode/decode helpers for the codec tests.</summary>
internal static class Codec
{
    public static byte[] Encode(object? term, bool version = true)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new TermWriter(buffer);
        if (version)
        {
            writer.WriteVersion();
        }

        writer.Write(term);
        return buffer.WrittenSpan.ToArray();
    }

    public static object Decode(byte[] bytes, AtomTable? atoms = null, TermReaderLimits? limits = null)
    {
        var reader = new TermReader(bytes, atoms ?? new AtomTable(1000), limits);
        Assert.True(reader.TryReadVersion());
        var term = reader.ReadTerm();
        Assert.Equal(bytes.Length, reader.Position);
        return term;
    }

    public static TermFormatException DecodeFails(byte[] bytes, AtomTable? atoms = null, TermReaderLimits? limits = null)
    {
        try
        {
            var reader = new TermReader(bytes, atoms ?? new AtomTable(1000), limits);
            reader.TryReadVersion();
            var term = reader.ReadTerm();
            throw new Xunit.Sdk.XunitException($"Decoding succeeded with {term}; a TermFormatException was expected.");
        }
        catch (TermFormatException e)
        {
            return e;
        }
    }

    public static byte[] Bytes(params int[] values) => Array.ConvertAll(values, v => checked((byte)v));
}
