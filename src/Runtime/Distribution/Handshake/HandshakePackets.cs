using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Arbor.Distribution.Handshake;

/// <summary>
/// The version-6 handshake's packets (OTP 23+), each framed by a 2-byte length over TCP and by a 4-byte length over
/// TLS (OTP's <c>inet_tls_dist</c> runs the whole connection, handshake included, with <c>{packet, 4}</c>). Parsing
/// checks every length against the packet and bounds the packet itself, so a hostile peer can make a handshake fail but
/// never allocate much.
/// </summary>
internal static class HandshakePackets
{
    public const byte NameTag = (byte)'N';
    public const byte StatusTag = (byte)'s';
    public const byte ChallengeTag = (byte)'N';
    public const byte ReplyTag = (byte)'r';
    public const byte AckTag = (byte)'a';

    /// <summary>Larger than any valid handshake packet (the longest carries a 255-byte name).</summary>
    public const int MaxPacket = 512;

    /// <summary>send_name: 'N', flags(8), creation(4), nlen(2), name.</summary>
    public static byte[] Name(DistributionFlags flags, uint creation, string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var packet = new byte[15 + nameBytes.Length];
        packet[0] = NameTag;
        BinaryPrimitives.WriteUInt64BigEndian(packet.AsSpan(1), (ulong)flags);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(9), creation);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(13), (ushort)nameBytes.Length);
        nameBytes.CopyTo(packet.AsSpan(15));
        return packet;
    }

    /// <summary>send_challenge: 'N', flags(8), challenge(4), creation(4), nlen(2), name.</summary>
    public static byte[] Challenge(DistributionFlags flags, uint challenge, uint creation, string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var packet = new byte[19 + nameBytes.Length];
        packet[0] = ChallengeTag;
        BinaryPrimitives.WriteUInt64BigEndian(packet.AsSpan(1), (ulong)flags);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(9), challenge);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(13), creation);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(17), (ushort)nameBytes.Length);
        nameBytes.CopyTo(packet.AsSpan(19));
        return packet;
    }

    public static byte[] Status(string status)
    {
        var packet = new byte[1 + status.Length];
        packet[0] = StatusTag;
        Encoding.ASCII.GetBytes(status, packet.AsSpan(1));
        return packet;
    }

    /// <summary>challenge_reply: 'r', challenge(4), digest(16).</summary>
    public static byte[] Reply(uint challenge, byte[] digest)
    {
        var packet = new byte[21];
        packet[0] = ReplyTag;
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(1), challenge);
        digest.CopyTo(packet.AsSpan(5));
        return packet;
    }

    /// <summary>challenge_ack: 'a', digest(16).</summary>
    public static byte[] Ack(byte[] digest)
    {
        var packet = new byte[17];
        packet[0] = AckTag;
        digest.CopyTo(packet.AsSpan(1));
        return packet;
    }

    public static NamePacket ParseName(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < 15 || packet[0] != NameTag)
        {
            throw Malformed(packet.IsEmpty ? "empty name packet" : packet[0] == (byte)'n'
                ? "a pre-OTP-23 name packet ('n'): only the version-6 handshake is supported"
                : $"a name packet must start with 'N' and hold at least 15 bytes (got tag {packet[0]}, {packet.Length} bytes)");
        }

        var flags = (DistributionFlags)BinaryPrimitives.ReadUInt64BigEndian(packet[1..]);
        var creation = BinaryPrimitives.ReadUInt32BigEndian(packet[9..]);
        var name = ReadName(packet, 13);
        return new NamePacket(flags, creation, name);
    }

    public static ChallengePacket ParseChallenge(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < 19 || packet[0] != ChallengeTag)
        {
            throw Malformed($"a challenge packet must start with 'N' and hold at least 19 bytes (got {packet.Length} bytes)");
        }

        var flags = (DistributionFlags)BinaryPrimitives.ReadUInt64BigEndian(packet[1..]);
        var challenge = BinaryPrimitives.ReadUInt32BigEndian(packet[9..]);
        var creation = BinaryPrimitives.ReadUInt32BigEndian(packet[13..]);
        var name = ReadName(packet, 17);
        return new ChallengePacket(flags, challenge, creation, name);
    }

    public static string ParseStatus(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < 2 || packet[0] != StatusTag)
        {
            throw Malformed("a status packet must start with 's'");
        }

        foreach (var b in packet[1..])
        {
            if (b is < 0x20 or > 0x7e)
            {
                throw Malformed("a status packet must be printable ASCII");
            }
        }

        return Encoding.ASCII.GetString(packet[1..]);
    }

    public static (uint Challenge, byte[] Digest) ParseReply(ReadOnlySpan<byte> packet)
    {
        if (packet.Length != 21 || packet[0] != ReplyTag)
        {
            throw Malformed($"a challenge reply must be 'r' and 20 bytes (got {packet.Length} bytes)");
        }

        return (BinaryPrimitives.ReadUInt32BigEndian(packet[1..]), packet[5..].ToArray());
    }

    public static byte[] ParseAck(ReadOnlySpan<byte> packet)
    {
        if (packet.Length != 17 || packet[0] != AckTag)
        {
            throw Malformed($"a challenge ack must be 'a' and 16 bytes (got {packet.Length} bytes)");
        }

        return packet[1..].ToArray();
    }

    public static async ValueTask WriteAsync(Stream stream, byte[] packet, CancellationToken cancellationToken)
    {
        var header = HeaderLength(stream);
        var framed = new byte[header + packet.Length];
        if (header == 4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(framed, (uint)packet.Length);
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)packet.Length);
        }

        packet.CopyTo(framed.AsSpan(header));
        await stream.WriteAsync(framed, cancellationToken).ConfigureAwait(false);
    }

    public static async ValueTask<byte[]> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var head = new byte[HeaderLength(stream)];
        await ReadExactlyAsync(stream, head, cancellationToken).ConfigureAwait(false);
        var length = head.Length == 4 ? BinaryPrimitives.ReadUInt32BigEndian(head) : BinaryPrimitives.ReadUInt16BigEndian(head);
        if (length is 0 or > MaxPacket)
        {
            throw Malformed($"handshake packet length {length} is outside 1..{MaxPacket}");
        }

        var packet = new byte[length];
        await ReadExactlyAsync(stream, packet, cancellationToken).ConfigureAwait(false);
        return packet;
    }

    /// <summary>The length header of a handshake packet: 4 bytes inside TLS (as <c>inet_tls_dist</c>), 2 on plain TCP.</summary>
    private static int HeaderLength(Stream stream) => stream is System.Net.Security.SslStream ? 4 : 2;

    private static async ValueTask ReadExactlyAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            await stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (EndOfStreamException exception)
        {
            throw new HandshakeException("The peer closed the connection during the handshake.", exception);
        }
    }

    private static string ReadName(ReadOnlySpan<byte> packet, int at)
    {
        var length = BinaryPrimitives.ReadUInt16BigEndian(packet[at..]);
        if (length == 0 || at + 2 + length != packet.Length)
        {
            throw Malformed($"the node name length {length} does not match the packet ({packet.Length} bytes)");
        }

        var bytes = packet.Slice(at + 2, length);
        if (bytes.IndexOf((byte)'@') <= 0)
        {
            throw Malformed("the node name has no '@'");
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException exception)
        {
            throw new HandshakeException("Malformed handshake: the node name is not valid UTF-8.", exception);
        }
    }

    private static HandshakeException Malformed(string what) => new($"Malformed handshake: {what}.");
}

/// <summary>A parsed send_name packet.</summary>
internal readonly record struct NamePacket(DistributionFlags Flags, uint Creation, string Name);

/// <summary>A parsed send_challenge packet.</summary>
internal readonly record struct ChallengePacket(DistributionFlags Flags, uint Challenge, uint Creation, string Name);
