using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Distribution.Connections;

namespace Arbor.Distribution.Tests.Transport;

/// <summary>The poll-based socket operations a plain TCP connection uses on its own threads.</summary>
public sealed class PolledSocketTests
{
    [Fact]
    public void Connect_reaches_a_listener_and_bytes_flow_both_ways()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        using var socket = PolledSocket.Connect([IPAddress.Loopback], port, CancellationToken.None);
        using var accepted = listener.AcceptSocket();
        Assert.False(socket.Blocking);
        Assert.True(socket.NoDelay);

        PolledSocket.SendAll(socket, "ping"u8, CancellationToken.None);
        var received = new byte[4];
        Assert.Equal(4, accepted.Receive(received));
        Assert.Equal("ping"u8.ToArray(), received);

        accepted.Send("pong"u8);
        var buffer = new byte[16];
        Assert.Equal(4, PolledSocket.Receive(socket, buffer, CancellationToken.None));
        Assert.Equal("pong"u8.ToArray(), buffer[..4]);
    }

    [Fact]
    public void Connect_tries_each_address_and_reports_the_refusal_when_none_accepts()
    {
        var closedPort = ClosedPort();
        var refused = Assert.Throws<SocketException>(() => PolledSocket.Connect([IPAddress.Loopback, IPAddress.Loopback], closedPort, CancellationToken.None));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        Assert.Throws<SocketException>(() => PolledSocket.Connect([], closedPort, CancellationToken.None));
    }

    [Fact]
    public async Task A_receive_waiting_on_a_silent_peer_ends_when_cancelled()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var socket = PolledSocket.Connect([IPAddress.Loopback], ((IPEndPoint)listener.LocalEndpoint).Port, CancellationToken.None);
        using var accepted = listener.AcceptSocket();
        using var cancel = new CancellationTokenSource();

        var receive = Task.Run(() => PolledSocket.Receive(socket, new byte[8], cancel.Token));
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => receive.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public void A_receive_returns_zero_when_the_peer_closes()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var socket = PolledSocket.Connect([IPAddress.Loopback], ((IPEndPoint)listener.LocalEndpoint).Port, CancellationToken.None);
        listener.AcceptSocket().Dispose();
        Assert.Equal(0, PolledSocket.Receive(socket, new byte[8], CancellationToken.None));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
