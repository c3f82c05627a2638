using System;
using System.Collections.Generic;

namespace Arbor.Hosting;

/// <summary>
/// How <see cref="ArborServiceCollectionExtensions.AddArbor"/> runs Arbor in a generic host: the root supervisor's flags
/// and its children. The root supervisor plays the part of an OTP application's top supervisor: it starts with the host,
/// and stops, children in reverse start order, when the host stops.
/// </summary>
public sealed class ArborHostingOptions
{
    private readonly List<Func<IServiceProvider, ChildSpec>> _children = new();

    /// <summary>The root supervisor's restart strategy; one-for-one by default.</summary>
    public Strategy Strategy { get; set; } = Strategy.OneForOne;

    /// <summary>Restarts the root allows within <see cref="Within"/> before it gives up and exits; 3 by default.</summary>
    public int MaxRestarts { get; set; } = 3;

    /// <summary>The root's restart intensity period; 5 seconds by default.</summary>
    public TimeSpan Within { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The name the root supervisor is registered under; <c>"arbor.root"</c> by default, null for none.</summary>
    public string? RootName { get; set; } = "arbor.root";

    /// <summary>
    /// Whether the host stops when the root supervisor exits by itself (its restart intensity was reached, or its
    /// auto-shutdown fired), as a permanent OTP application takes its node down; true by default.
    /// </summary>
    public bool StopHostWhenRootExits { get; set; } = true;

    /// <summary>How much of a crashed process's last message and state crash reports show; <see cref="CrashReportDetail.Full"/> by default.</summary>
    public CrashReportDetail CrashReportDetail { get; set; } = CrashReportDetail.Full;

    /// <summary>How long a turn may run before it is reported; see <see cref="ArborNodeOptions.LongTurnThreshold"/>.</summary>
    public System.TimeSpan LongTurnThreshold { get; set; } = new ArborNodeOptions().LongTurnThreshold;

    /// <summary>Threads that run handlers marked <c>Dirty = true</c>; see <see cref="ArborNodeOptions.DirtySchedulers"/>.</summary>
    public int DirtySchedulers { get; set; } = new ArborNodeOptions().DirtySchedulers;

    /// <summary>
    /// The node's name (<c>alive</c> or <c>alive@host</c>) to make it a distributed node; null (the default) for a local
    /// one. See <see cref="ArborNodeOptions.Name"/>. Distribution, and the cluster when <see cref="Cluster"/> is set,
    /// start with the host, before the root supervisor's children, so the children can reach other nodes at once.
    /// </summary>
    public string? NodeName { get; set; }

    /// <summary>The distribution cookie; see <see cref="ArborNodeOptions.Cookie"/>.</summary>
    public string? Cookie { get; set; }

    /// <summary>Ports, EPMD, TLS and tick settings of a distributed node; see <see cref="ArborNodeOptions.Distribution"/>.</summary>
    public Arbor.Distribution.DistributionOptions Distribution { get; set; } = new();

    /// <summary>Cluster membership (seeds or a DNS name); needs <see cref="NodeName"/>. See <see cref="ArborNodeOptions.Cluster"/>.</summary>
    public Arbor.Cluster.ClusterOptions? Cluster { get; set; }

    /// <summary>The child spec factories, in start order (they stop in reverse order).</summary>
    internal IReadOnlyList<Func<IServiceProvider, ChildSpec>> Children => _children;

    /// <summary>Adds <paramref name="spec"/> as the next child of the root supervisor.</summary>
    /// <returns>These options, for chaining.</returns>
    public ArborHostingOptions AddChild(ChildSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _children.Add(_ => spec);
        return this;
    }

    /// <summary>
    /// Adds a child whose spec is built from the host's services when the host starts, so its start arguments can be
    /// services (a repository, a configuration object, a logger).
    /// </summary>
    /// <returns>These options, for chaining.</returns>
    public ArborHostingOptions AddChild(Func<IServiceProvider, ChildSpec> createSpec)
    {
        ArgumentNullException.ThrowIfNull(createSpec);
        _children.Add(createSpec);
        return this;
    }
}
