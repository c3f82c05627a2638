using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Arbor.Distribution.Epmd;

/// <summary>
/// EPMD's wire format (OTP's <c>erl_dist_protocol</c> guide): every request is a 2-byte big-endian length and that
/// many bytes, the first a request code; responses are unframed.
/// </summary>
internal static class EpmdProtocol
{
    public const byte Alive2Request = 120;
    public const byte Alive2Response = 121;
    public const byte Alive2ExtendedResponse = 118;
    public const byte PortPlease2Request = 122;
    public const byte Port2Response = 119;
    public const byte NamesRequest = 110;

    /// <summary>Node type of a normal Erlang node ('M'); 'H' is a hidden C node.</summary>
    public const byte NormalNode = 77;

    /// <summary>Distribution protocol version 6 (OTP 23+): the only one Arbor speaks.</summary>
    public const ushort ProtocolVersion = 6;

    /// <summary>No request a well-behaved client sends is longer; a bigger length is refused before reading it.</summary>
    public const int MaxRequestLength = 1024;

    public static byte[] EncodeAlive2(string alive, int port)
    {
        var name = Encoding.UTF8.GetBytes(alive);
        var body = new byte[13 + name.Length];
        body[0] = Alive2Request;
        BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(1), (ushort)port);
        body[3] = NormalNode;
        body[4] = 0; // TCP/IPv4
        BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(5), ProtocolVersion);
        BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(7), ProtocolVersion);
        BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(9), (ushort)name.Length);
        name.CopyTo(body.AsSpan(11));
        BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(11 + name.Length), 0); // no extra
        return Frame(body);
    }

    public static byte[] EncodePortPlease2(string alive)
    {
        var name = Encoding.UTF8.GetBytes(alive);
        var body = new byte[1 + name.Length];
        body[0] = PortPlease2Request;
        name.CopyTo(body.AsSpan(1));
        return Frame(body);
    }

    public static byte[] Frame(ReadOnlySpan<byte> body)
    {
        var framed = new byte[2 + body.Length];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)body.Length);
        body.CopyTo(framed.AsSpan(2));
        return framed;
    }

    /// <summary>Reads exactly <paramref name="buffer"/>.Length bytes; false when the peer closed first.</summary>
    public static async ValueTask<bool> ReadExactlyAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            await stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (EndOfStreamException)
        {
            return false;
        }
    }
}
