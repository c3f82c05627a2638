using System;
using System.Buffers.Binary;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Arbor.Distribution.Epmd;

/// <summary>Talks to an EPMD (the real daemon or Arbor's embedded registrar) on a host.</summary>
internal static class EpmdClient
{
    /// <summary>
    /// Registers <paramref name="alive"/> at <paramref name="port"/> with the EPMD on this machine. The registration
    /// lasts as long as the returned connection stays open. Fails with <see cref="InvalidOperationException"/> when
    /// the name is taken.
    /// </summary>
    public static async Task<EpmdRegistration> RegisterAsync(int epmdPort, string alive, int port, CancellationToken cancellationToken)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, epmdPort, cancellationToken).ConfigureAwait(false);
            var stream = client.GetStream();
            await stream.WriteAsync(EpmdProtocol.EncodeAlive2(alive, port), cancellationToken).ConfigureAwait(false);
            var head = new byte[2];
            if (!await EpmdProtocol.ReadExactlyAsync(stream, head, cancellationToken).ConfigureAwait(false))
            {
                throw new IOException("EPMD closed the connection without answering the registration.");
            }

            uint creation;
            switch (head[0])
            {
                case EpmdProtocol.Alive2ExtendedResponse:
                    var wide = new byte[4];
                    if (!await EpmdProtocol.ReadExactlyAsync(stream, wide, cancellationToken).ConfigureAwait(false))
                    {
                        throw new IOException("EPMD's registration answer was cut short.");
                    }

                    creation = BinaryPrimitives.ReadUInt32BigEndian(wide);
                    break;
                case EpmdProtocol.Alive2Response:
                    var narrow = new byte[2];
                    if (!await EpmdProtocol.ReadExactlyAsync(stream, narrow, cancellationToken).ConfigureAwait(false))
                    {
                        throw new IOException("EPMD's registration answer was cut short.");
                    }

                    creation = BinaryPrimitives.ReadUInt16BigEndian(narrow);
                    break;
                default:
                    throw new IOException($"EPMD answered the registration with unexpected code {head[0]}.");
            }

            if (head[1] != 0)
            {
                throw new InvalidOperationException($"EPMD refused to register the name '{alive}' (result {head[1]}): another node on this host has it.");
            }

            return new EpmdRegistration(client, creation);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>The distribution port of <paramref name="alive"/> on <paramref name="host"/>, or null if EPMD does not know the name.</summary>
    public static async Task<int?> LookupAsync(string host, int epmdPort, string alive, CancellationToken cancellationToken)
    {
        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(host, epmdPort, cancellationToken).ConfigureAwait(false);
        var stream = client.GetStream();
        await stream.WriteAsync(EpmdProtocol.EncodePortPlease2(alive), cancellationToken).ConfigureAwait(false);
        var head = new byte[2];
        if (!await EpmdProtocol.ReadExactlyAsync(stream, head, cancellationToken).ConfigureAwait(false))
        {
            throw new IOException($"EPMD on {host} closed the connection without answering.");
        }

        if (head[0] != EpmdProtocol.Port2Response)
        {
            throw new IOException($"EPMD on {host} answered with unexpected code {head[0]}.");
        }

        if (head[1] != 0)
        {
            return null;
        }

        var port = new byte[2];
        if (!await EpmdProtocol.ReadExactlyAsync(stream, port, cancellationToken).ConfigureAwait(false))
        {
            throw new IOException($"EPMD on {host} cut its answer short.");
        }

        return BinaryPrimitives.ReadUInt16BigEndian(port);
    }
}

/// <summary>A live EPMD registration: closing it unregisters the name.</summary>
internal sealed class EpmdRegistration : IDisposable
{
    private readonly TcpClient _connection;

    public EpmdRegistration(TcpClient connection, uint creation)
    {
        _connection = connection;
        Creation = creation;
    }

    /// <summary>The creation EPMD assigned: it tells this incarnation of the name from earlier ones.</summary>
    public uint Creation { get; }

    public void Dispose() => _connection.Dispose();
}
