using System;
using System.IO;
using System.Net.Security;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;

namespace Arbor.Distribution.Connections;

/// <summary>
/// Opens the TLS channel of a distribution connection before its handshake. A failed TLS negotiation (a refused
/// certificate, a peer without TLS) becomes an <see cref="IOException"/> naming the peer and the cause, which the
/// node logs as a refused connection.
/// </summary>
internal static class TlsChannel
{
    public static async Task<Stream> ConnectAsync(Stream transport, DistributionTls tls, string host, string peer, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(transport, leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsClientAsync(tls.ClientOptions(host), cancellationToken).ConfigureAwait(false);
            return ssl;
        }
        catch (Exception exception) when (exception is AuthenticationException or IOException)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new IOException($"TLS with {peer} failed: {exception.Message}", exception);
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public static async Task<Stream> AcceptAsync(Stream transport, DistributionTls tls, string remote, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(transport, leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsServerAsync(tls.ServerOptions(), cancellationToken).ConfigureAwait(false);
            return ssl;
        }
        catch (Exception exception) when (exception is AuthenticationException or IOException)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new IOException($"TLS with {remote} failed: {exception.Message}", exception);
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
