using System;
using System.Linq;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Arbor.Distribution;

/// <summary>
/// TLS for distribution connections (as <c>erl -proto_dist inet_tls</c>): every connection, in and out, runs the
/// distribution handshake and its frames inside an <see cref="SslStream"/>. Both sides present <see cref="Certificate"/>
/// and check the other's; a peer whose certificate is refused, or that does not speak TLS, is not connected and the
/// refusal is logged. The cookie check still runs inside the TLS channel. Every node of the cluster must use TLS: a
/// plain TCP peer cannot connect to a TLS node or be reached by one.
/// </summary>
public sealed class DistributionTls
{
    /// <summary>This node's certificate, with its private key: presented as the server certificate when accepting and as the client certificate when connecting.</summary>
    public required X509Certificate2 Certificate { get; init; }

    /// <summary>
    /// Decides whether a peer's certificate is accepted. Null (default): the platform's validation — a chain to a trusted
    /// root, and when connecting, the peer's host name in the certificate. <see cref="TrustOnly"/> accepts exactly the
    /// given certificates (pinning; for self-signed clusters).
    /// </summary>
    public RemoteCertificateValidationCallback? ValidatePeer { get; init; }

    /// <summary>Require a certificate from connecting peers (default true: as <c>verify_peer</c> with <c>fail_if_no_peer_cert</c>).</summary>
    public bool RequireClientCertificate { get; init; } = true;

    /// <summary>The TLS versions allowed; <see cref="SslProtocols.None"/> (default) lets the operating system choose its secure set.</summary>
    public SslProtocols Protocols { get; init; } = SslProtocols.None;

    /// <summary>
    /// A validation that accepts a peer only if its certificate is one of <paramref name="trusted"/> (compared byte for
    /// byte; chain and host name are not consulted, since the certificates are pinned).
    /// </summary>
    /// <param name="trusted">The certificates of the cluster's nodes (public parts are enough).</param>
    public static RemoteCertificateValidationCallback TrustOnly(params X509Certificate2[] trusted)
    {
        ArgumentNullException.ThrowIfNull(trusted);
        var pinned = trusted.Select(certificate => certificate.RawData).ToArray();
        return (_, certificate, _, _) =>
            certificate is not null && pinned.Any(raw => raw.AsSpan().SequenceEqual(certificate.GetRawCertData()));
    }

    internal SslClientAuthenticationOptions ClientOptions(string host) => new()
    {
        TargetHost = host,
        ClientCertificates = new X509CertificateCollection { Certificate },
        RemoteCertificateValidationCallback = ValidatePeer,
        EnabledSslProtocols = Protocols,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
    };

    internal SslServerAuthenticationOptions ServerOptions() => new()
    {
        ServerCertificate = Certificate,
        ClientCertificateRequired = RequireClientCertificate,
        RemoteCertificateValidationCallback = ValidatePeer,
        EnabledSslProtocols = Protocols,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
    };
}
