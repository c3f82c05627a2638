using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Arbor.Distribution.Handshake;

/// <summary>The connecting side of the version-6 handshake (send_name, recv_status, recv_challenge, send_challenge_reply, recv_challenge_ack).</summary>
internal static class HandshakeInitiator
{
    /// <param name="stream">The connection.</param>
    /// <param name="self">This node.</param>
    /// <param name="peerName">Who is expected to answer.</param>
    /// <param name="replaceStale">Asked when the peer says a connection already stands: true to replace it (ours is gone).</param>
    /// <param name="cancellationToken">Bounds the handshake.</param>
    public static async Task<HandshakeResult> RunAsync(
        Stream stream, HandshakeIdentity self, string peerName, Func<bool> replaceStale, CancellationToken cancellationToken)
    {
        await HandshakePackets.WriteAsync(stream, HandshakePackets.Name(self.Flags, self.Creation, self.Name), cancellationToken).ConfigureAwait(false);

        var status = HandshakePackets.ParseStatus(await HandshakePackets.ReadAsync(stream, cancellationToken).ConfigureAwait(false));
        switch (status)
        {
            case "ok":
            case "ok_simultaneous":
                break;
            case "alive":
                // The peer still has a connection to us. If this node has none, it is stale: replace it.
                if (!replaceStale())
                {
                    await HandshakePackets.WriteAsync(stream, HandshakePackets.Status("false"), cancellationToken).ConfigureAwait(false);
                    throw new HandshakeException($"Node {peerName} is already connected to this node.") { PeerWins = true };
                }

                await HandshakePackets.WriteAsync(stream, HandshakePackets.Status("true"), cancellationToken).ConfigureAwait(false);
                break;
            case "nok":
                throw new HandshakeException($"Node {peerName} is connecting to this node at the same time and its attempt wins (status nok).") { PeerWins = true };
            case "not_allowed":
                throw new HandshakeException($"Node {peerName} does not allow a connection from {self.Name} (status not_allowed).");
            default:
                throw new HandshakeException($"Node {peerName} answered the handshake with status '{Truncate(status)}'.");
        }

        var challenge = HandshakePackets.ParseChallenge(await HandshakePackets.ReadAsync(stream, cancellationToken).ConfigureAwait(false));
        if (!string.Equals(challenge.Name, peerName, StringComparison.Ordinal))
        {
            throw new HandshakeException($"Connected to {peerName} but the node there calls itself {Truncate(challenge.Name)}.");
        }

        FlagCheck.RequireFrom(peerName, challenge.Flags);

        var ownChallenge = CookieDigest.NewChallenge();
        var digest = CookieDigest.Compute(self.Cookie, challenge.Challenge);
        await HandshakePackets.WriteAsync(stream, HandshakePackets.Reply(ownChallenge, digest), cancellationToken).ConfigureAwait(false);

        byte[] ack;
        try
        {
            ack = HandshakePackets.ParseAck(await HandshakePackets.ReadAsync(stream, cancellationToken).ConfigureAwait(false));
        }
        catch (HandshakeException exception) when (exception.InnerException is not null)
        {
            // An Erlang node closes without a word when our digest is wrong.
            throw new HandshakeException($"Node {peerName} closed the connection after the challenge reply: the cookies most likely differ.", exception);
        }

        if (!CookieDigest.Matches(self.Cookie, ownChallenge, ack))
        {
            throw new HandshakeException($"Node {peerName} answered the challenge with a wrong digest: the cookies differ.");
        }

        return new HandshakeResult(challenge.Name, challenge.Creation, challenge.Flags, self.Flags & challenge.Flags);
    }

    internal static string Truncate(string text) => text.Length <= 64 ? text : text[..64] + "...";
}
