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

    /// <summary>Creates the exception with its cause.</summary>
    public HandshakeException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
