using System;

namespace Arbor.Distribution.Handshake;

/// <summary>A connection attempt failed during the handshake (refused by the peer, wrong cookie, malformed packet).</summary>
public sealed class HandshakeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HandshakeException(string message)
        : base(message)
    {
    }

    /// <summary>True when the peer refused because its own simultaneous attempt to connect here wins: that attempt becomes the connection.</summary>
    internal bool PeerWins { get; init; }

    /// <summary>Creates the exception with its cause.</summary>
    public HandshakeException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
