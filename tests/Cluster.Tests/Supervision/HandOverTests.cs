using System.Collections.Concurrent;
using Arbor.Cluster.Tests.Support;
using Arbor.Protocol;

namespace Arbor.Cluster.Tests.Supervision;

public sealed class HandOverTests
{
    /// <summary>A counter that hands its count over; it logs its starts and stops in order.</summary>
    private sealed class Counter : GenServer, IHandOverState
    {
        private readonly ConcurrentQueue<string> _log;
        private long _count;

        public Counter(ConcurrentQueue<string> log, ConcurrentQueue<(string, Pid)> started, long count)
        {
            _log = log;
            _count = count;
            started.Enqueue(("counter", Self));
            log.Enqueue($"start {Self} {count} on {Node.NodeName}");
        }

        public byte[] ExportState() => BitConverter.GetBytes(_count);

        protected override ValueTask HandleCallAsync(CallMessage call)
        {
            if (call is Add add)
            {
                _count += add.By;
                Reply(add, _count);
                return default;
            }

            return base.HandleCallAsync(call);
        }

        protected override ValueTask TerminateAsync(ExitReason reason)
        {
            _log.Enqueue($"stop {Self}");
            return default;
        }
    }

    private sealed class Add(long by) : CallMessage<long>
    {
        public long By { get; } = by;
    }

    private static DistributedChild CounterChild(ConcurrentQueue<string> log, ConcurrentQueue<(string, Pid)> started) =>
        new("counter", () => new Counter(log, started, 0)) { Resume = state => new Counter(log, started, BitConverter.ToInt64(state)) };

    private static Task<long> AddAsync(IReadOnlyList<ArborNode> nodes, long by)
    {
        var owner = nodes.First(n => n.NodeName == nodes[0].Cluster.Global.Registrations["counter"].Owner);
        return GenServer.CallAsync(owner.Cluster.Global.Whereis("counter"), new Add(by)).AsTask();
    }

    [Fact]
    public async Task A_child_hands_its_state_to_its_next_instance_when_its_node_shuts_down_gracefully()
    {
        await using var cluster = new TestCluster();
        var nodes = await cluster.StartMeshAsync(3);
        var log = new ConcurrentQueue<string>();
        var started = new ConcurrentQueue<(string, Pid)>();
        foreach (var node in nodes)
        {
            await DistributedSupervisor.StartAsync(node, "counters", [CounterChild(log, started)]);
        }

        await DistributedSupervisorInvariants.AssertEachRunsOnceAsync(nodes, ["counter"], started);
        Assert.Equal(5, await AddAsync(nodes, 5));
        Assert.Equal(7, await AddAsync(nodes, 2));
        var host = nodes.First(n => n.NodeName == nodes[0].Cluster.Global.Registrations["counter"].Owner);
        var first = host.Cluster.Global.Whereis("counter");

        await cluster.StopAsync(host); // graceful: the node leaves, its child stops and hands its count over
        var survivors = cluster.Nodes.ToList();
        await DistributedSupervisorInvariants.AssertEachRunsOnceAsync(survivors, ["counter"], started);
        Assert.Equal(7, await AddAsync(survivors, 0));

        // The old instance stopped before the new one started: never two at once.
        var entries = log.ToList();
        Assert.True(entries.IndexOf($"stop {first}") < entries.FindIndex(e => e.Contains(" 7 on ", StringComparison.Ordinal)), string.Join(" | ", entries));
    }

    [Fact]
    public async Task A_child_whose_node_is_lost_starts_fresh_elsewhere()
    {
        await using var cluster = new TestCluster();
        var nodes = await cluster.StartMeshAsync(3);
        var log = new ConcurrentQueue<string>();
        var started = new ConcurrentQueue<(string, Pid)>();
        foreach (var node in nodes)
        {
            await DistributedSupervisor.StartAsync(node, "counters", [CounterChild(log, started)]);
        }

        await DistributedSupervisorInvariants.AssertEachRunsOnceAsync(nodes, ["counter"], started);
        Assert.Equal(3, await AddAsync(nodes, 3));
        var host = nodes.First(n => n.NodeName == nodes[0].Cluster.Global.Registrations["counter"].Owner);
        var survivors = nodes.Where(n => n != host).ToList();

        cluster.Network.Partition([host.NodeName!], survivors.Select(n => n.NodeName!)); // no leave: a loss, not a shutdown
        await DistributedSupervisorInvariants.AssertEachRunsOnceAsync(survivors, ["counter"], new ConcurrentQueue<(string, Pid)>(started.Where(s => !log.Contains($"start {s.Item2} 0 on {host.NodeName}") && !log.Contains($"start {s.Item2} 3 on {host.NodeName}"))));
        Assert.Equal(0, await AddAsync(survivors, 0));
    }
}
