using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using Arbor.Cluster;
using Arbor.Distribution;
using Arbor.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Arbor.Hosting.Tests;

/// <summary>Records the node's name as its init sees it: a distributed node's network part is up before the root's children.</summary>
[GenServer]
public partial class NodeNameWitness
{
    public NodeNameWitness(Journal journal) => journal.Write("init on " + (Node.NodeName ?? "a local node"));

    [Call] public bool Alive() => true;
}

/// <summary>
/// <c>AddArbor</c> with a node name and cluster options: distribution and membership start with the host (the service
/// factory cannot await), before the root children, and a stopping host leaves the cluster.
/// </summary>
public sealed class ClusteredHostTests
{
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Two_hosts_form_a_cluster_their_children_start_on_a_distributed_node_and_a_stopped_host_leaves()
    {
        var ports = new ConcurrentDictionary<string, int>();
        var a = $"hosta{Environment.ProcessId}";
        var b = $"hostb{Environment.ProcessId}";
        ports[a] = FreePort();
        ports[b] = FreePort();
        var journal = new Journal();
        using var hostA = Build(a, b, ports, journal);
        using var hostB = Build(b, a, ports, new Journal());

        await hostA.StartAsync().WaitAsync(s_hangGuard);
        await hostB.StartAsync().WaitAsync(s_hangGuard);

        var nameA = hostA.Node().NodeName!;
        var nameB = hostB.Node().NodeName!;
        Assert.Equal(["init on " + nameA], journal.Entries);
        await hostA.Node().Cluster.WaitForMembersAsync(members => members.Contains(nameB), s_hangGuard);
        await hostB.Node().Cluster.WaitForMembersAsync(members => members.Contains(nameA), s_hangGuard);

        await hostB.StopAsync().WaitAsync(s_hangGuard);
        await ((IAsyncDisposable)hostB).DisposeAsync(); // the node (a container singleton) leaves as it is disposed
        await hostA.Node().Cluster.WaitForMembersAsync(members => members.Count == 0, s_hangGuard);
        await hostA.StopAsync().WaitAsync(s_hangGuard);
    }

    [Fact]
    public async Task Cluster_options_without_a_node_name_fail_the_host_start_with_a_clear_error()
    {
        using var host = TestHost.Build(new CapturedLogs(), services => services.AddArbor(arbor =>
            arbor.Cluster = new ClusterOptions { Seeds = ["elsewhere@127.0.0.1"] }));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => host.StartAsync().WaitAsync(s_hangGuard));
        Assert.Contains("ArborNodeOptions.Name", error.Message);
    }

    private static IHost Build(string alive, string peer, ConcurrentDictionary<string, int> ports, Journal journal) =>
        TestHost.Build(new CapturedLogs(), services => services.AddArbor(arbor =>
        {
            arbor.NodeName = alive + "@127.0.0.1";
            arbor.Cookie = "hosting-test";
            arbor.Distribution = new DistributionOptions
            {
                UseEpmd = false,
                ListenPort = ports[alive],
                PeerPort = (name, _) => ports.TryGetValue(name, out var port) ? port : 1,
                ConnectTimeout = TimeSpan.FromSeconds(3),
            };
            arbor.Cluster = new ClusterOptions { Seeds = [peer + "@127.0.0.1"], ReconnectInterval = TimeSpan.FromMilliseconds(200) };
            arbor.AddChild(NodeNameWitness.ChildSpec(journal));
        }));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
