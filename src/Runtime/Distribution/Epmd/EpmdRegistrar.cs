using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Arbor.Distribution.Epmd;

/// <summary>
/// An EPMD-compatible name registrar inside the process, started when no EPMD answers (as <c>erl</c> starts
/// <c>epmd</c>). It answers ALIVE2 (registration; from this machine only), PORT_PLEASE2 (lookup) and NAMES, so Erlang
/// nodes and Arbor nodes alike can use it. Every request is bounded and a malformed one just closes its connection.
/// </summary>
internal sealed class EpmdRegistrar : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, Entry> _names = new(StringComparer.Ordinal);
    private readonly Task _acceptLoop;
    private uint _lastCreation = (uint)RandomNumberGenerator.GetInt32(1, 1 << 30);

    private EpmdRegistrar(TcpListener listener, ILogger logger)
    {
        _listener = listener;
        _logger = logger;
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Starts a registrar on <paramref name="port"/>; null when the port is taken (an EPMD already runs).</summary>
    public static EpmdRegistrar? TryStart(int port, ILogger logger)
    {
        var listener = new TcpListener(IPAddress.Any, port);
        try
        {
            listener.Start();
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            listener.Dispose();
            return null;
        }

        return new EpmdRegistrar(listener, logger);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        string? registered = null;
        try
        {
            using (client)
            {
                client.NoDelay = true;
                var stream = client.GetStream();
                var head = new byte[2];
                if (!await EpmdProtocol.ReadExactlyAsync(stream, head, _stop.Token).ConfigureAwait(false))
                {
                    return;
                }

                var length = BinaryPrimitives.ReadUInt16BigEndian(head);
                if (length is 0 or > EpmdProtocol.MaxRequestLength)
                {
                    _logger.LogDebug("Embedded EPMD: request length {Length} refused", length);
                    return;
                }

                var request = new byte[length];
                if (!await EpmdProtocol.ReadExactlyAsync(stream, request, _stop.Token).ConfigureAwait(false))
                {
                    return;
                }

                switch (request[0])
                {
                    case EpmdProtocol.Alive2Request when IsLocal(client):
                        registered = await RegisterAsync(stream, request).ConfigureAwait(false);
                        if (registered is not null)
                        {
                            // The registration holds while the node keeps this connection open.
                            var sink = new byte[64];
                            while (await stream.ReadAsync(sink, _stop.Token).ConfigureAwait(false) > 0)
                            {
                            }
                        }

                        break;
                    case EpmdProtocol.PortPlease2Request:
                        await AnswerPortAsync(stream, request.AsMemory(1)).ConfigureAwait(false);
                        break;
                    case EpmdProtocol.NamesRequest:
                        await AnswerNamesAsync(stream).ConfigureAwait(false);
                        break;
                    default:
                        _logger.LogDebug("Embedded EPMD: request code {Code} not served", request[0]);
                        break;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer went away or the registrar is stopping: nothing to answer.
        }
        finally
        {
            if (registered is not null)
            {
                lock (_names)
                {
                    _names.Remove(registered);
                }
            }
        }
    }

    private async Task<string?> RegisterAsync(NetworkStream stream, byte[] request)
    {
        // 120, port(2), type(1), protocol(1), highest(2), lowest(2), nlen(2), name, elen(2), extra
        if (request.Length < 13)
        {
            return null;
        }

        var port = BinaryPrimitives.ReadUInt16BigEndian(request.AsSpan(1));
        var highest = BinaryPrimitives.ReadUInt16BigEndian(request.AsSpan(5));
        var nameLength = BinaryPrimitives.ReadUInt16BigEndian(request.AsSpan(9));
        if (11 + nameLength + 2 > request.Length || nameLength == 0)
        {
            return null;
        }

        var name = Encoding.UTF8.GetString(request, 11, nameLength);
        uint creation;
        bool taken;
        lock (_names)
        {
            taken = _names.ContainsKey(name);
            creation = NextCreation();
            if (!taken)
            {
                _names[name] = new Entry(port, request[3], request[4], highest, BinaryPrimitives.ReadUInt16BigEndian(request.AsSpan(7)));
            }
        }

        byte[] answer;
        if (highest >= 6)
        {
            answer = new byte[6];
            answer[0] = EpmdProtocol.Alive2ExtendedResponse;
            answer[1] = taken ? (byte)1 : (byte)0;
            BinaryPrimitives.WriteUInt32BigEndian(answer.AsSpan(2), creation);
        }
        else
        {
            answer = new byte[4];
            answer[0] = EpmdProtocol.Alive2Response;
            answer[1] = taken ? (byte)1 : (byte)0;
            BinaryPrimitives.WriteUInt16BigEndian(answer.AsSpan(2), (ushort)(creation % 3 + 1));
        }

        await stream.WriteAsync(answer, _stop.Token).ConfigureAwait(false);
        return taken ? null : name;
    }

    private async Task AnswerPortAsync(NetworkStream stream, ReadOnlyMemory<byte> nameBytes)
    {
        var name = Encoding.UTF8.GetString(nameBytes.Span);
        Entry entry;
        bool found;
        lock (_names)
        {
            found = _names.TryGetValue(name, out entry);
        }

        if (!found)
        {
            await stream.WriteAsync(new byte[] { EpmdProtocol.Port2Response, 1 }, _stop.Token).ConfigureAwait(false);
            return;
        }

        var answer = new byte[14 + nameBytes.Length];
        answer[0] = EpmdProtocol.Port2Response;
        answer[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(answer.AsSpan(2), entry.Port);
        answer[4] = entry.NodeType;
        answer[5] = entry.Protocol;
        BinaryPrimitives.WriteUInt16BigEndian(answer.AsSpan(6), entry.Highest);
        BinaryPrimitives.WriteUInt16BigEndian(answer.AsSpan(8), entry.Lowest);
        BinaryPrimitives.WriteUInt16BigEndian(answer.AsSpan(10), (ushort)nameBytes.Length);
        nameBytes.Span.CopyTo(answer.AsSpan(12));
        BinaryPrimitives.WriteUInt16BigEndian(answer.AsSpan(12 + nameBytes.Length), 0);
        await stream.WriteAsync(answer, _stop.Token).ConfigureAwait(false);
    }

    private async Task AnswerNamesAsync(NetworkStream stream)
    {
        var text = new StringBuilder();
        lock (_names)
        {
            foreach (var (name, entry) in _names)
            {
                text.Append("name ").Append(name).Append(" at port ").Append(entry.Port).Append('\n');
            }
        }

        var body = Encoding.UTF8.GetBytes(text.ToString());
        var answer = new byte[4 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(answer, (uint)Port);
        body.CopyTo(answer.AsSpan(4));
        await stream.WriteAsync(answer, _stop.Token).ConfigureAwait(false);
    }

    private uint NextCreation()
    {
        // Creations are non-zero and differ between incarnations of a name (0 means "any" in old pid formats).
        _lastCreation = _lastCreation == uint.MaxValue ? 1 : _lastCreation + 1;
        return _lastCreation;
    }

    private static bool IsLocal(TcpClient client) =>
        client.Client.RemoteEndPoint is IPEndPoint remote && IPAddress.IsLoopback(remote.Address);

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _acceptLoop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private readonly record struct Entry(ushort Port, byte NodeType, byte Protocol, ushort Highest, ushort Lowest);
}
