using System;

namespace Arbor.Distribution.Terms;

/// <summary>
/// An Erlang bitstring whose length is not a whole number of bytes, e.g. <c>&lt;&lt;1:3&gt;&gt;</c>. The last byte's
/// <see cref="BitsInLastByte"/> high bits are used; its low bits are ignored (written as zero, not compared).
/// Whole-byte binaries are plain <see cref="byte"/> arrays.
/// </summary>
public sealed class ErlangBitBinary : IEquatable<ErlangBitBinary>
{
    /// <summary>Creates a bitstring of <paramref name="bytes"/> (used, not copied) whose last byte holds
    /// <paramref name="bitsInLastByte"/> (1..8) bits.</summary>
    /// <exception cref="ArgumentException">The array is empty or the bit count is not 1..8.</exception>
    public ErlangBitBinary(byte[] bytes, int bitsInLastByte)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length == 0)
        {
            throw new ArgumentException("A bitstring needs at least one byte; the empty bitstring is an empty binary (byte[]).", nameof(bytes));
        }

        if (bitsInLastByte is < 1 or > 8)
        {
            throw new ArgumentOutOfRangeException(nameof(bitsInLastByte), bitsInLastByte, "The bits used in the last byte are 1..8.");
        }

        Bytes = bytes;
        BitsInLastByte = bitsInLastByte;
    }

    /// <summary>The bytes; the last one is partly used.</summary>
    public byte[] Bytes { get; }

    /// <summary>How many high bits of the last byte belong to the bitstring (1..8).</summary>
    public int BitsInLastByte { get; }

    /// <summary>The length in bits.</summary>
    public long BitLength => ((long)Bytes.Length - 1) * 8 + BitsInLastByte;

    /// <summary>The last byte with its unused low bits cleared.</summary>
    internal byte MaskedLastByte => (byte)(Bytes[^1] & (0xFF << (8 - BitsInLastByte)));

    /// <inheritdoc />
    public bool Equals(ErlangBitBinary? other) =>
        other is not null && BitsInLastByte == other.BitsInLastByte && Bytes.Length == other.Bytes.Length
        && Bytes.AsSpan(0, Bytes.Length - 1).SequenceEqual(other.Bytes.AsSpan(0, other.Bytes.Length - 1))
        && MaskedLastByte == other.MaskedLastByte;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ErlangBitBinary other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Bytes.AsSpan(0, Bytes.Length - 1));
        hash.Add(MaskedLastByte);
        hash.Add(BitsInLastByte);
        return hash.ToHashCode();
    }

    /// <summary>The bitstring in Erlang syntax.</summary>
    public override string ToString() => TermFormatter.Format(this);
}
