using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Arbor.Distribution.Tests.Transport.Support;

namespace Arbor.Distribution.Tests.Interop;

/// <summary>
/// Distribution over TLS with a real <c>erl -proto_dist inet_tls</c> node: certificates issued here by a test authority
/// (written as PEM for erl), both sides verifying the other's (erl with <c>verify_peer</c> against the authority, Arbor
/// pinning erl's certificate with <see cref="DistributionTls.TrustOnly"/>), and calls both ways inside the TLS channel.
/// </summary>
public sealed class ErlangTlsTests
{
    private const string Cookie = "tls-interop";

    [ErlangSslFact]
    public async Task An_Arbor_TLS_node_and_an_inet_tls_erl_node_exchange_calls_both_ways()
    {
        var host = Nodes.NodeName.LocalHost(longNames: false);
        using var authority = Authority();
        using var arborCert = Issue(authority, "arbor-tls", host);
        using var erlCert = Issue(authority, "erl-tls", host);
        var directory = Directory.CreateTempSubdirectory("arbor-tls-");
        try
        {
            var optionFile = WriteErlangTlsOptions(directory.FullName, erlCert, authority);
            var epmd = TestNodes.FreePort();
            await using var node = await ArborNode.StartAsync(new ArborNodeOptions
            {
                Name = TestNodes.UniqueAlive("arbortls"),
                Cookie = Cookie,
                LoggerFactory = new ListLogger { Echo = Environment.GetEnvironmentVariable("ARBOR_TEST_LOG") == "1" },
                Distribution = new DistributionOptions
                {
                    EpmdPort = epmd,
                    Tls = new DistributionTls { Certificate = arborCert, ValidatePeer = DistributionTls.TrustOnly(erlCert) },
                    ConnectTimeout = TimeSpan.FromSeconds(20),
                },
            });
            await using var erl = await ErlangPeer.StartAsync(TestNodes.UniqueAlive("erltls"), Cookie, epmd, $"-proto_dist inet_tls -ssl_dist_optfile {optionFile}");

            // Arbor → Erlang over TLS.
            Assert.Equal(Atom.Of("pong"), await node.CallAsync("peer", erl.Name, Atom.Of("ping"), TimeSpan.FromSeconds(20)));

            // Erlang → Arbor over the same channel: gen_server:call into an Arbor server.
            await Served.StartAsync(node, "tls_counter");
            var reply = await node.CallAsync("peer", erl.Name, new ErlangTuple(
                Atom.Of("call"), new ErlangTuple(Atom.Of("tls_counter"), Atom.Of(node.NodeName!)), new ErlangTuple(Atom.Of("add"), 5L)), TimeSpan.FromSeconds(20));
            Assert.Equal(5L, reply);
            Assert.Contains(node.Peers, peer => peer.Node == erl.Name && peer.Metrics.MessagesIn > 0);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>erl's <c>-ssl_dist_optfile</c>: its certificate and key, verify_peer both ways against the test authority.</summary>
    private static string WriteErlangTlsOptions(string directory, X509Certificate2 own, X509Certificate2 authority)
    {
        var certFile = Path.Combine(directory, "erl-cert.pem");
        var keyFile = Path.Combine(directory, "erl-key.pem");
        var caFile = Path.Combine(directory, "trusted.pem");
        File.WriteAllText(certFile, own.ExportCertificatePem());
        File.WriteAllText(keyFile, own.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(caFile, authority.ExportCertificatePem());
        var common = $"{{certfile, \"{certFile}\"}}, {{keyfile, \"{keyFile}\"}}, {{cacertfile, \"{caFile}\"}}, {{verify, verify_peer}}";
        var options = Path.Combine(directory, "ssl_dist.conf");
        File.WriteAllText(options, $"[{{server, [{common}, {{fail_if_no_peer_cert, true}}]}}, {{client, [{common}]}}].\n");
        return options;
    }

    /// <summary>A test certificate authority (erl's ssl refuses a self-signed certificate as a peer's, even when trusted).</summary>
    private static X509Certificate2 Authority()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=arbor-test-ca", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddDays(2));
    }

    /// <summary>A certificate signed by <paramref name="authority"/> for both TLS roles, naming this host and localhost, with its key.</summary>
    private static X509Certificate2 Issue(X509Certificate2 authority, string subject, string host)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false)); // server and client auth
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(host);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var signed = request.Create(authority, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), RandomNumberGenerator.GetBytes(16));
        using var withKey = signed.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), password: null, X509KeyStorageFlags.Exportable);
    }
}
