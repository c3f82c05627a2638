using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Distribution.Connections;
using Arbor.Distribution.Epmd;
using Arbor.Distribution.Handshake;
using Arbor.Distribution.Nodes;
using Microsoft.Extensions.Logging;

namespace Arbor.Distribution;

internal sealed partial class NodeDistribution
{
    /// <summary>Connects to <paramref name="peer"/> (or waits for the connection under way); throws when it cannot be reached.</summary>
    public async Task ConnectAsync(string peer)
    {
        var connection = GetOrConnect(NodeName.Parse(peer).Full);
        if (!await connection.Ready.ConfigureAwait(false))
        {
            throw new IOException($"Cannot connect to node {peer}: {connection.CloseReason}");
        }
    }

    /// <summary>
    /// The connection to <paramref name="peer"/>: the one up or under way, else a new attempt (Erlang connects on the
    /// first send). Frames can be queued on it at once; they go out when it is up, or are dropped if it fails.
    /// </summary>
    internal Connection GetOrConnect(string peer)
    {
        // The send path: a connection that exists is found without taking the node's lock.
        if (_connections.TryGetValue(peer, out var found))
        {
            return found;
        }

        Connection connection;
        lock (_gate)
        {
            if (_connections.TryGetValue(peer, out var existing))
            {
                return existing;
            }

            connection = new Connection(this, peer) { Outgoing = true };
            if (IsStopping || string.Equals(peer, Name.Full, StringComparison.Ordinal))
            {
                connection.Close(IsStopping ? "node stopped" : "a node does not connect to itself");
                return connection;
            }

            _connections[peer] = connection;
        }

        _ = DialAsync(connection);
        return connection;
    }

    private async Task DialAsync(Connection connection)
    {
        var peer = connection.PeerName;
        var overTls = Options.Tls is not null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(Options.ConnectTimeout);
        try
        {
            var name = NodeName.Parse(peer);
            var port = await ResolvePortAsync(name, timeout.Token).ConfigureAwait(false)
                ?? throw new IOException($"EPMD on {name.Host} does not know a node named '{name.Alive}'.");
            Func<bool> replaceStale = () => connection.State == ConnectionState.Pending && connection.Outgoing;
            var channel = Options.Tls is { } tls
                ? await DialTlsAsync(name, port, tls, replaceStale, timeout.Token).ConfigureAwait(false)
                : await DialPlainAsync(name, port, replaceStale, timeout.Token).ConfigureAwait(false);
            connection.Attach(channel.Socket, channel.Tls, channel.Handshake, Options.NetTickTime, Options.MaxFrameSize);
            if (connection.State == ConnectionState.Up && connection.Handshake == channel.Handshake)
            {
                OnUp(connection);
            }
        }
        catch (HandshakeException exception) when (exception.PeerWins)
        {
            // The peer's own attempt becomes this connection; give it the connect timeout to arrive.
            Logger.LogDebug("Simultaneous connect with {Peer}: the peer's attempt wins", peer);
            _ = ExpireUnlessUpAsync(connection);
        }
        catch (Exception exception) when (exception is IOException or SocketException or HandshakeException or OperationCanceledException or ArgumentException)
        {
            var reason = exception is OperationCanceledException ? $"connect timed out after {Options.ConnectTimeout}" : exception.Message;
            if (overTls && exception is HandshakeException or IOException)
            {
                // With TLS 1.3 the acceptor checks this node's certificate after the client side is done, so its
                // refusal shows here only as a closed handshake (the acceptor logs the cause).
                reason += " (over TLS: the peer may have refused this node's certificate)";
            }

            Logger.LogWarning("Connection to {Peer} refused or failed: {Reason}", peer, reason);
            connection.Close(reason);
        }
    }

    /// <summary>
    /// Plain TCP: connects and runs the handshake on a thread of its own, waiting in <c>poll</c>, so the socket never
    /// joins the runtime's event loop (see <see cref="PolledSocket"/>).
    /// </summary>
    private async Task<DialedChannel> DialPlainAsync(NodeName name, int port, Func<bool> replaceStale, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(name.Host, cancellationToken).ConfigureAwait(false);
        return await OwnThread.Run("Arbor dist connect", async () =>
        {
            var socket = PolledSocket.Connect(addresses, port, cancellationToken);
            try
            {
                var result = await HandshakeInitiator.RunAsync(
                    new PolledSocketStream(socket), Identity, name.Full, replaceStale, cancellationToken).ConfigureAwait(false);
                return new DialedChannel(socket, null, result);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }).ConfigureAwait(false);
    }

    private async Task<DialedChannel> DialTlsAsync(NodeName name, int port, DistributionTls tls, Func<bool> replaceStale, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream? stream = null;
        try
        {
            await socket.ConnectAsync(name.Host, port, cancellationToken).ConfigureAwait(false);
            stream = await TlsChannel.ConnectAsync(new NetworkStream(socket, ownsSocket: false), tls, name.Host, name.Full, cancellationToken).ConfigureAwait(false);
            var result = await HandshakeInitiator.RunAsync(stream, Identity, name.Full, replaceStale, cancellationToken).ConfigureAwait(false);
            return new DialedChannel(socket, stream, result);
        }
        catch
        {
            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }

            socket.Dispose();
            throw;
        }
    }

    /// <summary>A connection whose handshake has completed: the socket, its TLS stream (null on plain TCP), and the outcome.</summary>
    private readonly record struct DialedChannel(Socket Socket, Stream? Tls, HandshakeResult Handshake);

    private async Task ExpireUnlessUpAsync(Connection connection)
    {
        var ready = connection.Ready;
        if (await Task.WhenAny(ready, Task.Delay(Options.ConnectTimeout, _stop.Token)).ConfigureAwait(false) != ready)
        {
            connection.Close("simultaneous connect: the peer's attempt did not complete");
        }
    }

    private async Task<int?> ResolvePortAsync(NodeName name, CancellationToken cancellationToken)
    {
        if (!Options.UseEpmd)
        {
            return Options.PeerPort?.Invoke(name.Alive, name.Host) ?? Options.ListenPort;
        }

        return await EpmdClient.LookupAsync(name.Host, Options.EpmdPort, name.Alive, cancellationToken).ConfigureAwait(false);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stop.IsCancellationRequested)
                {
                    return;
                }

                continue;
            }

            socket.NoDelay = true;
            _ = AcceptAsync(socket);
        }
    }

    private async Task AcceptAsync(Socket socket)
    {
        Connection? connection = null;
        Connection? stale = null;
        var registered = false;
        var remote = socket.RemoteEndPoint?.ToString() ?? "?";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(Options.ConnectTimeout);
        Stream? tlsStream = null;
        try
        {
            HandshakeResult result;
            HandshakeStatus Decide(string peer) => this.Decide(peer, out connection, out stale, out registered);
            if (Options.Tls is { } tls)
            {
                tlsStream = await TlsChannel.AcceptAsync(new NetworkStream(socket, ownsSocket: false), tls, remote, timeout.Token).ConfigureAwait(false);
                result = await HandshakeAcceptor.RunAsync(tlsStream, Identity, Decide, timeout.Token).ConfigureAwait(false);
            }
            else
            {
                // As when dialling: the handshake waits in poll on its own thread, keeping the socket out of the event loop.
                socket.Blocking = false;
                result = await OwnThread.Run(
                    "Arbor dist accept",
                    () => HandshakeAcceptor.RunAsync(new PolledSocketStream(socket), Identity, Decide, timeout.Token)).ConfigureAwait(false);
            }

            if (stale is not null)
            {
                // The peer confirmed that its side of our connection is gone: replace it.
                lock (_gate)
                {
                    _connections[connection!.PeerName] = connection;
                    registered = true;
                }

                stale.Close("replaced by a new connection from the peer");
            }

            connection!.Attach(socket, tlsStream, result, Options.NetTickTime, Options.MaxFrameSize);
            if (connection.State == ConnectionState.Up && connection.Handshake == result)
            {
                OnUp(connection);
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or HandshakeException or OperationCanceledException)
        {
            var reason = exception is OperationCanceledException ? "handshake timed out" : exception.Message;
            Logger.LogWarning("Incoming connection from {Remote} refused: {Reason}", remote, reason);
            if (tlsStream is not null)
            {
                await tlsStream.DisposeAsync().ConfigureAwait(false);
            }

            socket.Dispose();
            if (registered)
            {
                // Only a connection others could have used is reported lost; a refused replacement never existed.
                connection?.Close(reason);
            }
        }
    }

    /// <summary>The acceptor's status for <paramref name="peer"/> (OTP's rules for simultaneous and stale connections).</summary>
    private HandshakeStatus Decide(string peer, out Connection? connection, out Connection? stale, out bool registered)
    {
        HandshakeStatus status;
        stale = null;
        registered = false;
        lock (_gate)
        {
            connection = null;
            if (IsStopping)
            {
                return HandshakeStatus.NotAllowed;
            }

            if (!_connections.TryGetValue(peer, out var existing))
            {
                connection = new Connection(this, peer);
                _connections[peer] = connection;
                registered = true;
                status = HandshakeStatus.Ok;
            }
            else if (existing.State == ConnectionState.Up)
            {
                // The peer dials although a connection stands: if it says its side is gone, ours is replaced
                // once the handshake completes (not before: a peer that keeps it answers false).
                stale = existing;
                connection = new Connection(this, peer);
                status = HandshakeStatus.Alive;
            }
            else if (existing.Outgoing && string.CompareOrdinal(peer, Name.Full) > 0)
            {
                // Both sides dial at once: the greater name's attempt wins; ours gives way and this one takes its place.
                existing.Outgoing = false;
                connection = existing;
                registered = true;
                status = HandshakeStatus.OkSimultaneous;
            }
            else
            {
                status = HandshakeStatus.Nok;
            }
        }

        return status;
    }

    /// <summary>A connection came up.</summary>
    private void OnUp(Connection connection)
    {
        Logger.LogInformation(
            "Connection to {Peer} up ({Direction}, peer {Hidden})",
            connection.PeerName,
            connection.Outgoing ? "outgoing" : "incoming",
            connection.Handshake!.PeerHidden ? "hidden" : "visible");
        NotifyNodeUp(connection.PeerName);
    }

    void IConnectionOwner.OnClosed(Connection connection, string reason, bool wasUp)
    {
        lock (_gate)
        {
            if (_connections.TryGetValue(connection.PeerName, out var current) && ReferenceEquals(current, connection))
            {
                _connections.TryRemove(connection.PeerName, out _);
            }
        }

        if (wasUp)
        {
            Logger.LogInformation("Connection to {Peer} down: {Reason}", connection.PeerName, reason);
        }

        ReportConnectionLoss(connection, reason);
    }
}
