using System;
using System.Threading.Tasks;
using Arbor.Cluster;
using Arbor.Distribution;

namespace Arbor.ClusterHost;

/// <summary>
/// Starts one cluster node from the command line, then serves commands from stdin until <c>quit</c> (graceful: the node
/// leaves the cluster) or end of input. Stdout carries <see cref="Reporter"/>'s lines, nothing else.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var arguments = HostArguments.Parse(args);
        var node = await ArborNode.StartAsync(new ArborNodeOptions
        {
            Name = arguments.Name,
            Cookie = arguments.Cookie,
            ShutdownTimeout = TimeSpan.FromSeconds(2),
            Distribution = new DistributionOptions
            {
                UseEpmd = false,
                ListenPort = arguments.Port,
                PeerPort = (alive, host) => arguments.Peers.TryGetValue(alive + "@" + host, out var port) ? port : 1,
                NetTickTime = TimeSpan.FromSeconds(10),
                ConnectTimeout = TimeSpan.FromSeconds(3),
            },
            Cluster = new ClusterOptions { Seeds = arguments.Seeds, ReconnectInterval = TimeSpan.FromMilliseconds(200) },
        });

        var reporter = new Reporter(node);
        var workers = new WorkerSet(reporter);
        var children = new DistributedChild[arguments.Children];
        for (var i = 0; i < children.Length; i++)
        {
            var id = "child" + i;
            children[i] = new DistributedChild(id, () => new Worker(workers, id));
        }

        await DistributedSupervisor.StartAsync(node, "workers", children);
        reporter.Start(workers);
        await new Commands(node, reporter).RunAsync(Console.In);
        await node.DisposeAsync();
        reporter.Line("BYE");
        return 0;
    }
}
