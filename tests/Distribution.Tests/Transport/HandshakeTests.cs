using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Distribution.Handshake;

namespace Arbor.Distribution.Tests.Transport;

public sealed class HandshakeTests
{
    [Fact]
    public async Task Initiator_and_acceptor_agree_and_learn_each_others_identity()
    {
        var (initiator, acceptor) = await RunAsync("cookie", "cookie");
        Assert.Equal("b@host", initiator.PeerName);
        Assert.Equal("a@host", acceptor.PeerName);
        Assert.Equal(7u, initiator.PeerCreation);
        Assert.Equal(3u, acceptor.PeerCreation);
        Assert.Equal(DistributionFlagSets.ForNode(true), initiator.Negotiated);
        Assert.True(acceptor.PeerHidden);
    }

    [Fact]
    public async Task A_wrong_cookie_is_refused_on_both_sides_and_the_acceptor_sends_nothing_after_the_bad_digest()
    {
        using var pair = await SocketPair.CreateAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var accepting = HandshakeAcceptor.RunAsync(pair.Server, new HandshakeIdentity("b@host", 7, DistributionFlagSets.ForNode(true), "right"), _ => HandshakeStatus.Ok, timeout.Token);
        var initiating = HandshakeInitiator.RunAsync(pair.Client, new HandshakeIdentity("a@host", 3, DistributionFlagSets.ForNode(true), "wrong"), "b@host", () => true, timeout.Token);

        var refused = await Assert.ThrowsAsync<HandshakeException>(() => accepting);
        Assert.Contains("wrong cookie", refused.Message, StringComparison.Ordinal);
        pair.Server.Dispose(); // what the node does after a refusal
        var failed = await Assert.ThrowsAsync<HandshakeException>(() => initiating);
        Assert.Contains("cookies", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_peer_with_another_name_than_dialled_is_refused()
    {
        using var pair = await SocketPair.CreateAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var accepting = HandshakeAcceptor.RunAsync(pair.Server, new HandshakeIdentity("impostor@host", 7, DistributionFlagSets.ForNode(true), "c"), _ => HandshakeStatus.Ok, timeout.Token);
        var error = await Assert.ThrowsAsync<HandshakeException>(() =>
            HandshakeInitiator.RunAsync(pair.Client, new HandshakeIdentity("a@host", 3, DistributionFlagSets.ForNode(true), "c"), "b@host", () => true, timeout.Token));
        Assert.Contains("impostor@host", error.Message, StringComparison.Ordinal);
        pair.Client.Dispose();
        await Assert.ThrowsAnyAsync<Exception>(() => accepting);
    }

    [Fact]
    public async Task Nok_tells_the_initiator_that_the_peers_simultaneous_attempt_wins()
    {
        using var pair = await SocketPair.CreateAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var accepting = HandshakeAcceptor.RunAsync(pair.Server, new HandshakeIdentity("b@host", 7, DistributionFlagSets.ForNode(true), "c"), _ => HandshakeStatus.Nok, timeout.Token);
        var error = await Assert.ThrowsAsync<HandshakeException>(() =>
            HandshakeInitiator.RunAsync(pair.Client, new HandshakeIdentity("a@host", 3, DistributionFlagSets.ForNode(true), "c"), "b@host", () => true, timeout.Token));
        Assert.True(error.PeerWins);
        await Assert.ThrowsAsync<HandshakeException>(() => accepting);
    }

    [Fact]
    public void The_digest_is_md5_of_the_cookie_and_the_challenge_in_decimal()
    {
        // erlang:md5("secret" ++ integer_to_list(4000000000)) in Erlang gives the same 16 bytes.
        var expected = System.Security.Cryptography.MD5.HashData(System.Text.Encoding.ASCII.GetBytes("secret4000000000"));
        Assert.Equal(expected, CookieDigest.Compute("secret", 4_000_000_000));
        Assert.True(CookieDigest.Matches("secret", 4_000_000_000, expected));
        Assert.False(CookieDigest.Matches("secret", 4_000_000_001, expected));
    }

    private static async Task<(HandshakeResult Initiator, HandshakeResult Acceptor)> RunAsync(string initiatorCookie, string acceptorCookie)
    {
        using var pair = await SocketPair.CreateAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var accepting = HandshakeAcceptor.RunAsync(pair.Server, new HandshakeIdentity("b@host", 7, DistributionFlagSets.ForNode(true), acceptorCookie), _ => HandshakeStatus.Ok, timeout.Token);
        var initiating = HandshakeInitiator.RunAsync(pair.Client, new HandshakeIdentity("a@host", 3, DistributionFlagSets.ForNode(true), initiatorCookie), "b@host", () => true, timeout.Token);
        return (await initiating, await accepting);
    }

    /// <summary>Two ends of a loopback TCP connection.</summary>
    internal sealed class SocketPair : IDisposable
    {
        private SocketPair(NetworkStream client, NetworkStream server)
        {
            Client = client;
            Server = server;
        }

        public NetworkStream Client { get; }

        public NetworkStream Server { get; }

        public static async Task<SocketPair> CreateAsync()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var client = new TcpClient();
            var accepting = listener.AcceptTcpClientAsync();
            await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
            var server = await accepting;
            return new SocketPair(client.GetStream(), server.GetStream());
        }

        public void Dispose()
        {
            Client.Dispose();
            Server.Dispose();
        }
    }
}
