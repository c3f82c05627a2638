using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Distribution;
using Microsoft.Extensions.Logging;

namespace Arbor.Dashboard.Tests.Support;

/// <summary>
/// Two distributed nodes in this test process, connected over loopback: <see cref="Dashboard"/> serves the page, <see cref="Other"/>
/// is the node picked in it. Each pair has an EPMD port of its own (the first node starts the embedded registrar), so tests never
/// share one. The dashboard node is handed to <see cref="DashboardHost"/>, which disposes it.
/// </summary>
internal sealed class TwoNodes : IAsyncDisposable
{
    private static int s_counter;

    private TwoNodes(DashboardHost host, ArborNode other, CapturingLoggerProvider otherLogs)
    {
        Host = host;
        Other = other;
        OtherLogs = otherLogs;
    }

    public DashboardHost Host { get; }

    public ArborNode Dashboard => Host.Node;

    public ArborNode Other { get; }

    public string OtherName => Other.NodeName!;

    /// <summary>The other node's log (where it logs actions asked by the dashboard's node).</summary>
    public CapturingLoggerProvider OtherLogs { get; }

    /// <param name="configure">The dashboard's options.</param>
    /// <param name="serve">Whether the other node serves its introspection, and with which options.</param>
    public static async Task<TwoNodes> StartAsync(Action<ArborDashboardOptions>? configure = null, Introspection.Remote.RemoteIntrospectionOptions? serve = null, bool otherServes = true)
    {
        var epmd = FreePort();
        var dashboardNode = await Start("dash", epmd, null);
        var otherLogs = new CapturingLoggerProvider();
        var other = await Start("other", epmd, otherLogs);
        if (otherServes)
        {
            await other.Introspection.ServeRemoteAsync(serve);
        }

        await dashboardNode.ConnectAsync(other.NodeName!);
        var host = await DashboardHost.StartAsync(configure, node: dashboardNode);
        return new TwoNodes(host, other, otherLogs);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Other.DisposeAsync();
    }

    private static ValueTask<ArborNode> Start(string prefix, int epmd, CapturingLoggerProvider? logs) =>
        ArborNode.StartAsync(new ArborNodeOptions
        {
            Name = $"{prefix}{Environment.ProcessId}x{Interlocked.Increment(ref s_counter)}",
            Cookie = "dashboard-test",
            LoggerFactory = logs is null ? null : Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.AddProvider(logs)),
            Distribution = new DistributionOptions { EpmdPort = epmd },
        });

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
