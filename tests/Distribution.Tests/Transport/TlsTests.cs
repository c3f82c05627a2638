using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Arbor.Distribution.Tests.Mapping;
using Arbor.Distribution.Tests.Transport.Support;

namespace Arbor.Distribution.Tests.Transport;

/// <summary>Distribution over TLS between Arbor nodes, with self-signed certificates made by the test and pinned.</summary>
public sealed class TlsTests
{
    private readonly int _epmd = TestNodes.FreePort();

    [Fact]
    public async Task Two_TLS_nodes_with_pinned_certificates_exchange_typed_calls_links_and_monitors_over_the_tls_channel()
    {
        using var certA = SelfSigned("tls-a");
        using var certB = SelfSigned("tls-b");
        var trust = DistributionTls.TrustOnly(certA, certB);
        await using var a = await StartAsync("tlsa", new DistributionTls { Certificate = certA, ValidatePeer = trust });
        await using var b = await StartAsync("tlsb", new DistributionTls { Certificate = certB, ValidatePeer = trust });

        await Calculator.StartAsync(b, "calc");
        var calc = a.Whereis<CalculatorRef>("calc", b.NodeName!);
        Assert.Equal(5L, await calc.AddAsync(5));
        calc.Reset();
        Assert.Equal(0L, await calc.GetAsync());

        // A large message crosses in TLS records as well (several records per frame).
        var big = new string('x', 300_000);
        Assert.Equal("hello " + big, await calc.GreetAsync(big, shout: false));

        // A monitor across the TLS connection sees the server go.
        var watcher = await Served.StartAsync(a);
        var remote = await calc.SelfPidAsync();
        watcher.Do(new TestServer.MonitorTarget(remote));
        await watcher.NextAsync<MonitorRef>();
        await calc.GetAsync(); // frames are ordered: b has the monitor now
        b.Exit(b.Whereis("calc"), ExitReason.Shutdown);
        Assert.Equal(ExitReason.Shutdown, (await watcher.NextAsync<Down>()).Reason);
        Assert.Contains(a.Peers, peer => peer.Node == b.NodeName && peer.Metrics.MessagesOut > 0);
    }

    [Fact]
    public async Task A_peer_whose_certificate_is_not_trusted_is_refused_with_a_clear_error()
    {
        using var certA = SelfSigned("tls-a");
        using var intruder = SelfSigned("intruder");
        await using var a = await StartAsync("tlsok", new DistributionTls { Certificate = certA, ValidatePeer = DistributionTls.TrustOnly(certA) });
        await using var c = await StartAsync("tlsbad", new DistributionTls { Certificate = intruder, ValidatePeer = DistributionTls.TrustOnly(certA, intruder) });

        // c trusts a, but a does not trust c: c's attempt fails in TLS, before any cookie or message is exchanged.
        var refused = await Assert.ThrowsAsync<IOException>(() => c.ConnectAsync(a.NodeName!));
        Assert.True(refused.Message.Contains("TLS", StringComparison.Ordinal), refused.Message);
        Assert.Empty(a.ConnectedNodes);

        // And a refuses to connect to c: c's certificate is not among a's pinned ones.
        var rejected = await Assert.ThrowsAsync<IOException>(() => a.ConnectAsync(c.NodeName!));
        Assert.Contains("TLS", rejected.Message);
        Assert.Contains("certificate", rejected.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_plain_TCP_node_cannot_connect_to_a_TLS_node()
    {
        using var cert = SelfSigned("tls-only");
        await using var secure = await StartAsync("tlsonly", new DistributionTls { Certificate = cert, ValidatePeer = DistributionTls.TrustOnly(cert) });
        await using var plain = await StartAsync("plain", tls: null);
        await Assert.ThrowsAsync<IOException>(() => plain.ConnectAsync(secure.NodeName!));
        await Assert.ThrowsAsync<IOException>(() => secure.ConnectAsync(plain.NodeName!));
        Assert.Empty(secure.ConnectedNodes);
    }

    [Fact]
    public async Task A_certificate_without_its_private_key_is_refused_at_start()
    {
        using var cert = SelfSigned("public-only");
        using var publicOnly = X509CertificateLoader.LoadCertificate(cert.RawData);
        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await StartAsync("nokey", new DistributionTls { Certificate = publicOnly }));
        Assert.Contains("private key", error.Message);
    }

    private ValueTask<ArborNode> StartAsync(string prefix, DistributionTls? tls) =>
        ArborNode.StartAsync(new ArborNodeOptions
        {
            Name = TestNodes.UniqueAlive(prefix),
            Cookie = "tls-cookie",
            Distribution = new DistributionOptions { EpmdPort = _epmd, Tls = tls, ConnectTimeout = TimeSpan.FromSeconds(20) },
        });

    /// <summary>A self-signed RSA certificate with its key, exportable so SslStream can use it on Linux.</summary>
    private static X509Certificate2 SelfSigned(string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false)); // server and client auth
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), password: null);
    }
}
