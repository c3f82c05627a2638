namespace Arbor.Distribution.Connections;

/// <summary>A snapshot of one connection, for dashboards and health checks.</summary>
/// <param name="Node">The peer's name.</param>
/// <param name="State">Pending, up or closed.</param>
/// <param name="Hidden">True when the peer announced itself hidden.</param>
/// <param name="Outgoing">True when this node dialled the peer.</param>
/// <param name="Metrics">Bytes and messages in and out.</param>
public sealed record PeerInfo(string Node, ConnectionState State, bool Hidden, bool Outgoing, ConnectionMetrics Metrics);
