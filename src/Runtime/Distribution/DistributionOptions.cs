using System;

namespace Arbor.Distribution;

/// <summary>
/// Transport settings of a distributed node (a node name in <c>ArborNodeOptions.Name</c> turns distribution on). The defaults
/// match <c>erl</c>'s, except that towards Erlang nodes Arbor is hidden unless <see cref="Hidden"/> is cleared.
/// </summary>
public sealed class DistributionOptions
{
    /// <summary>
    /// Connect as a hidden node (the default): Erlang nodes list it in <c>nodes(hidden)</c>, not <c>nodes()</c>, and
    /// leave it out of <c>global</c> and <c>pg</c>'s own discovery. Clearing it makes Arbor a visible node: Erlang nodes
    /// list it in <c>nodes()</c>, and when their <c>global</c> opens its name synchronisation Arbor answers that it is
    /// in sync, so <c>global:sync()</c> returns. Arbor takes no part in Erlang's global names either way (its own
    /// cluster registry is separate), and it does not connect to the other nodes its Erlang peers know (no
    /// <c>connect_all</c> mesh).
    /// </summary>
    public bool Hidden { get; init; } = true;

    /// <summary>When the name has no host part: use the fully qualified host (Erlang's <c>-name</c>) instead of the short one (<c>-sname</c>).</summary>
    public bool LongNames { get; init; }

    /// <summary>The port to accept connections on; 0 (default) picks a free one and registers it with EPMD.</summary>
    public int ListenPort { get; init; }

    /// <summary>
    /// Whether to use EPMD (default true). Without it the node listens on <see cref="ListenPort"/> (which must be set)
    /// and finds peers through <see cref="PeerPort"/> — for containers, like <c>erl -erl_epmd_port</c>.
    /// </summary>
    public bool UseEpmd { get; init; } = true;

    /// <summary>EPMD's port: 4369 unless the <c>ERL_EPMD_PORT</c> environment variable says otherwise (as for <c>erl</c>).</summary>
    public int EpmdPort { get; init; } = DefaultEpmdPort();

    /// <summary>
    /// Start an EPMD-compatible registrar inside this process when none answers on <see cref="EpmdPort"/> (default
    /// true), as <c>erl</c> starts <c>epmd</c>: two Arbor nodes need no Erlang installation. It lives as long as the
    /// node that started it; Erlang nodes on this machine can register with it too.
    /// </summary>
    public bool StartEmbeddedEpmd { get; init; } = true;

    /// <summary>Without EPMD: the port of a peer, by its alive name and host. The default assumes every node listens on <see cref="ListenPort"/>.</summary>
    public Func<string, string, int>? PeerPort { get; init; }

    /// <summary>
    /// Erlang's <c>net_ticktime</c> (default 60 s): a peer from which nothing (not even a tick) arrives for this long
    /// is declared down; this node sends a tick after a quarter of it without other traffic.
    /// </summary>
    public TimeSpan NetTickTime { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a connection attempt (TCP connect and handshake) may take; 7 s as in Erlang.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(7);

    /// <summary>The largest frame accepted from a peer (default 128 MiB); a larger one closes the connection.</summary>
    public int MaxFrameSize { get; init; } = 128 * 1024 * 1024;

    /// <summary>
    /// Run every distribution connection over TLS (<c>-proto_dist inet_tls</c>); null (default) is plain TCP, where
    /// only the cookie authenticates and nothing is encrypted. See <see cref="DistributionTls"/>.
    /// </summary>
    public DistributionTls? Tls { get; init; }

    /// <summary>Checks the options; throws <see cref="ArgumentException"/> naming the bad one.</summary>
    internal void Validate()
    {
        if (ListenPort is < 0 or > 65535)
        {
            throw new ArgumentException($"ListenPort {ListenPort} is not a TCP port (0-65535).", nameof(ListenPort));
        }

        if (EpmdPort is <= 0 or > 65535)
        {
            throw new ArgumentException($"EpmdPort {EpmdPort} is not a TCP port (1-65535).", nameof(EpmdPort));
        }

        if (!UseEpmd && ListenPort == 0)
        {
            throw new ArgumentException("Without EPMD the node needs a fixed ListenPort for peers to find it.", nameof(ListenPort));
        }

        if (NetTickTime < TimeSpan.FromMilliseconds(400))
        {
            throw new ArgumentException($"NetTickTime {NetTickTime} is too short (at least 400 ms).", nameof(NetTickTime));
        }

        if (ConnectTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("ConnectTimeout must be positive.", nameof(ConnectTimeout));
        }

        if (Tls is { Certificate: var certificate } && !certificate.HasPrivateKey)
        {
            throw new ArgumentException("Tls.Certificate has no private key; a node must prove it owns its certificate.", nameof(Tls));
        }

        if (MaxFrameSize < 1024)
        {
            throw new ArgumentException($"MaxFrameSize {MaxFrameSize} is too small (at least 1024 bytes).", nameof(MaxFrameSize));
        }
    }

    private static int DefaultEpmdPort() =>
        int.TryParse(Environment.GetEnvironmentVariable("ERL_EPMD_PORT"), out var port) && port is > 0 and <= 65535 ? port : 4369;
}
