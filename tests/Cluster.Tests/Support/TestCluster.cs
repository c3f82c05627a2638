using System.Threading;
using Arbor.Distribution;

namespace Arbor.Cluster.Tests.Support;

/// <summary>Arbor cluster nodes in this process on a partitionable loopback <see cref="Network"/>.</summary>
internal sealed class TestCluster : IAsyncDisposable
{
    private static int s_counter;
    private readonly List<ArborNode> _nodes = new();

    public Network Network { get; } = new();

    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    public IReadOnlyList<ArborNode> Nodes => _nodes;

    /// <summary>A fresh node name on the loopback address <paramref name="host"/>.</summary>
    public static string NewName(string prefix = "c", string host = "127.0.0.1") =>
        $"{prefix}{Environment.ProcessId}x{Interlocked.Increment(ref s_counter)}@{host}";

    /// <summary>Starts a member with <paramref name="seeds"/> (the first node's name when null and one exists).</summary>
    public async Task<ArborNode> StartAsync(IReadOnlyList<string>? seeds = null, string? name = null, Func<ClusterOptions, ClusterOptions>? configure = null)
    {
        name ??= NewName();
        var port = Network.Add(name);
        seeds ??= _nodes.Count > 0 ? [_nodes[0].NodeName!] : [];
        var options = new ClusterOptions { Seeds = seeds, ReconnectInterval = TimeSpan.FromMilliseconds(200), LeaveTimeout = TimeSpan.FromSeconds(2) };
        options = configure?.Invoke(options) ?? options;
        var node = await ArborNode.StartAsync(new ArborNodeOptions
        {
            Name = name,
            Cookie = "cluster-test",
            LoggerFactory = ConsoleLog.For(name),
            ShutdownTimeout = TimeSpan.FromSeconds(2),
            Distribution = new DistributionOptions
            {
                UseEpmd = false,
                ListenPort = port,
                PeerPort = (alive, host) => Network.PortFor(name, alive + "@" + host),
                NetTickTime = TimeSpan.FromSeconds(10),
                ConnectTimeout = TimeSpan.FromSeconds(3),
            },
            Cluster = options,
        });
        _nodes.Add(node);
        return node;
    }

    /// <summary>Starts <paramref name="count"/> members seeded by the first, and waits until all see each other.</summary>
    public async Task<IReadOnlyList<ArborNode>> StartMeshAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await StartAsync();
        }

        await WaitForMeshAsync(_nodes);
        return _nodes;
    }

    /// <summary>Waits until every node in <paramref name="nodes"/> has exactly the others as members.</summary>
    public static async Task WaitForMeshAsync(IReadOnlyList<ArborNode> nodes)
    {
        foreach (var node in nodes)
        {
            var others = new List<string>();
            foreach (var other in nodes)
            {
                if (other != node)
                {
                    others.Add(other.NodeName!);
                }
            }

            others.Sort(StringComparer.Ordinal);
            await node.Cluster.WaitForMembersAsync(members => SameNames(members, others), Wait);
        }
    }

    private static bool SameNames(IReadOnlyList<string> members, List<string> expected)
    {
        if (members.Count != expected.Count)
        {
            return false;
        }

        for (var i = 0; i < expected.Count; i++)
        {
            if (members[i] != expected[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Stops one node (gracefully: it leaves the cluster) and forgets it.</summary>
    public async Task StopAsync(ArborNode node)
    {
        _nodes.Remove(node);
        await node.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await Network.DisposeAsync();
    }
}
