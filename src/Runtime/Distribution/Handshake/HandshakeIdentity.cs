namespace Arbor.Distribution.Handshake;

/// <summary>What this node says about itself in a handshake.</summary>
internal sealed record HandshakeIdentity(string Name, uint Creation, DistributionFlags Flags, string Cookie);

/// <summary>The outcome of a completed handshake: who the peer is and the flags both sides share.</summary>
internal sealed record HandshakeResult(string PeerName, uint PeerCreation, DistributionFlags PeerFlags, DistributionFlags Negotiated)
{
    /// <summary>True when the peer announced itself hidden (did not set the published flag).</summary>
    public bool PeerHidden => (PeerFlags & DistributionFlags.Published) == 0;
}

/// <summary>The acceptor's answer to an incoming name (the status packet), decided against the connections it has.</summary>
internal enum HandshakeStatus
{
    /// <summary>Go on.</summary>
    Ok,

    /// <summary>Go on; this node drops its own attempt to connect to the peer (simultaneous connect, the peer wins).</summary>
    OkSimultaneous,

    /// <summary>Stop: this node's own simultaneous attempt wins.</summary>
    Nok,

    /// <summary>Stop: this node does not accept the peer (name kind mismatch, or it is stopping).</summary>
    NotAllowed,

    /// <summary>A connection to the peer is already up; the initiator says whether it is stale.</summary>
    Alive,
}
