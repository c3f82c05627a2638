using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Arbor.Distribution.Handshake;

/// <summary>The accepting side of the version-6 handshake (recv_name, send_status, send_challenge, recv_challenge_reply, send_challenge_ack).</summary>
internal static class HandshakeAcceptor
{
    /// <param name="stream">The accepted connection.</param>
    /// <param name="self">This node.</param>
    /// <param name="decide">Decides the status for the named peer, against the connections this node has.</param>
    /// <param name="cancellationToken">Bounds the handshake.</param>
    public static async Task<HandshakeResult> RunAsync(
        Stream stream, HandshakeIdentity self, Func<string, HandshakeStatus> decide, CancellationToken cancellationToken)
    {
        var name = HandshakePackets.ParseName(await HandshakePackets.ReadAsync(stream, cancellationToken).ConfigureAwait(false));
        if (string.Equals(name.Name, self.Name, StringComparison.Ordinal))
        {
            throw new HandshakeException($"A peer claims this node's own name {self.Name}.");
        }

        FlagCheck.RequireFrom(name.Name, name.Flags);

        var status = decide(name.Name);
        await HandshakePackets.WriteAsync(stream, HandshakePackets.Status(StatusText(status)), cancellationToken).ConfigureAwait(false);
        switch (status)
        {
            case HandshakeStatus.Nok:
                throw new HandshakeException($"Refused {name.Name}: this node's own simultaneous connection attempt wins.");
            case HandshakeStatus.NotAllowed:
                throw new HandshakeException($"Refused {name.Name}: not allowed.");
            case HandshakeStatus.Alive:
                var answer = HandshakePackets.ParseStatus(await HandshakePackets.ReadAsync(stream, cancellationToken).ConfigureAwait(false));
                if (answer != "true")
                {
                    throw new HandshakeException($"Node {name.Name} keeps its existing connection (answered '{HandshakeInitiator.Truncate(answer)}').");
                }

                break;
        }

        var challenge = CookieDigest.NewChallenge();
        await HandshakePackets.WriteAsync(stream, HandshakePackets.Challenge(self.Flags, challenge, self.Creation, self.Name), cancellationToken).ConfigureAwait(false);

        var (peerChallenge, digest) = HandshakePackets.ParseReply(await HandshakePackets.ReadAsync(stream, cancellationToken).ConfigureAwait(false));
        if (!CookieDigest.Matches(self.Cookie, challenge, digest))
        {
            // Nothing more is sent: a wrong cookie learns nothing, not even our digest of its challenge.
            throw new HandshakeException($"Refused {name.Name}: wrong cookie (the challenge digest does not match).");
        }

        await HandshakePackets.WriteAsync(stream, HandshakePackets.Ack(CookieDigest.Compute(self.Cookie, peerChallenge)), cancellationToken).ConfigureAwait(false);
        return new HandshakeResult(name.Name, name.Creation, name.Flags, self.Flags & name.Flags);
    }

    private static string StatusText(HandshakeStatus status) => status switch
    {
        HandshakeStatus.Ok => "ok",
        HandshakeStatus.OkSimultaneous => "ok_simultaneous",
        HandshakeStatus.Nok => "nok",
        HandshakeStatus.NotAllowed => "not_allowed",
        HandshakeStatus.Alive => "alive",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
