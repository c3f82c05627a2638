using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;

namespace Arbor.Cluster;

/// <summary>
/// How a distributed node finds and keeps its cluster (set <c>ArborNodeOptions.Cluster</c>): seed node names, a DNS name
/// whose addresses are members (the Kubernetes headless-service way), and how often unreachable members are retried.
/// </summary>
public sealed class ClusterOptions
{
    /// <summary>Node names (<c>alive@host</c>) to join through; any one that answers is enough. This node may be among them.</summary>
    public IReadOnlyList<string> Seeds { get; init; } = Array.Empty<string>();

    /// <summary>
    /// A DNS name that resolves to the addresses of the members (for example a Kubernetes headless service). Each address
    /// becomes the node name <c>{DnsNodeAlive}@{address}</c>; it is resolved again at every <see cref="ReconnectInterval"/>,
    /// so members that appear later are found.
    /// </summary>
    public string? DnsName { get; init; }

    /// <summary>The alive part of the names built from <see cref="DnsName"/>'s addresses; null uses this node's own alive name (every pod runs the same name).</summary>
    public string? DnsNodeAlive { get; init; }

    /// <summary>Resolves <see cref="DnsName"/>; null uses <see cref="Dns.GetHostAddressesAsync(string, CancellationToken)"/>. Tests and custom discovery plug in here.</summary>
    public Func<string, CancellationToken, Task<IPAddress[]>>? Resolve { get; init; }

    /// <summary>How often seeds, DNS and members that became unreachable are tried again; 2 seconds by default.</summary>
    public TimeSpan ReconnectInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a graceful leave (node shutdown) waits for members to acknowledge it; 2 seconds by default.</summary>
    public TimeSpan LeaveTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a global registration waits for members to answer its claim; 5 seconds by default.</summary>
    public TimeSpan ClaimTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Decides which holder keeps a global name registered on both sides of a partition once it heals (OTP
    /// <c>global</c>'s resolve function); null uses the default rule, the earlier registration wins. Every node calls it
    /// on its own, so it must be a pure function of its arguments; a resolver that throws falls back to the default rule.
    /// See <see cref="GlobalNameResolver"/>.
    /// </summary>
    public GlobalNameResolver? ResolveGlobalConflict { get; init; }

    /// <summary>Checks the options; throws <see cref="ArgumentException"/> naming the bad one.</summary>
    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Seeds, nameof(Seeds));
        foreach (var seed in Seeds)
        {
            if (string.IsNullOrWhiteSpace(seed) || seed.IndexOf('@', StringComparison.Ordinal) <= 0)
            {
                throw new ArgumentException($"Seed '{seed}' is not a node name of the form alive@host.", nameof(Seeds));
            }
        }

        if (DnsName is { Length: 0 })
        {
            throw new ArgumentException("DnsName cannot be empty (null turns DNS discovery off).", nameof(DnsName));
        }

        if (ReconnectInterval < TimeSpan.FromMilliseconds(50))
        {
            throw new ArgumentException($"ReconnectInterval {ReconnectInterval} is too short (at least 50 ms).", nameof(ReconnectInterval));
        }

        if (ClaimTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("ClaimTimeout must be positive.", nameof(ClaimTimeout));
        }

        if (LeaveTimeout < TimeSpan.Zero)
        {
            throw new ArgumentException("LeaveTimeout cannot be negative.", nameof(LeaveTimeout));
        }
    }
}
