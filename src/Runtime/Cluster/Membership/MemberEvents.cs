namespace Arbor.Cluster;

/// <summary>A member event delivered to subscribers of <see cref="ArborCluster.Subscribe"/>, as an info message.</summary>
public abstract record MemberEvent(string Node);

/// <summary>
/// <paramref name="Node"/> is a member: it runs the cluster service and its connection is up. A subscriber also gets one
/// for every member present when it subscribes, and again for a member that comes back after being unreachable.
/// </summary>
/// <param name="Node">The member's node name.</param>
public sealed record MemberJoined(string Node) : MemberEvent(Node);

/// <summary><paramref name="Node"/> left the cluster on purpose (its node shut down gracefully); it is not retried.</summary>
/// <param name="Node">The member's node name.</param>
public sealed record MemberLeft(string Node) : MemberEvent(Node);

/// <summary>
/// The connection to <paramref name="Node"/> was lost without a leave (crash, partition, net tick timeout). The member is
/// retried every <see cref="ClusterOptions.ReconnectInterval"/> and announced with <see cref="MemberJoined"/> when it is back.
/// </summary>
/// <param name="Node">The member's node name.</param>
/// <param name="Reason">Why it is unreachable (the connection's close reason, or the membership service's exit).</param>
public sealed record MemberUnreachable(string Node, string Reason) : MemberEvent(Node);
