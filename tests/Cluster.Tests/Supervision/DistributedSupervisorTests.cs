using System.Collections.Concurrent;
using Arbor.Cluster.Tests.Support;

namespace Arbor.Cluster.Tests.Supervision;

public sealed class DistributedSupervisorTests
{
    /// <summary>A child that records every instance started, so tests can check that all but the registered one stopped.</summary>
    private sealed class Worker : GenServer
    {
        public Worker(ConcurrentQueue<(string Id, Pid Pid)> started, string id) => started.Enqueue((id, Self));
    }

    private static List<DistributedChild> Children(ConcurrentQueue<(string, Pid)> started, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new DistributedChild("worker" + i, () => new Worker(started, "worker" + i)))];

    [Fact]
    public async Task Children_are_spread_over_the_members_and_each_runs_once()
    {
        await using var cluster = new TestCluster();
        var nodes = await cluster.StartMeshAsync(3);
        var started = new ConcurrentQueue<(string, Pid)>();
        var children = Children(started, 9);
        var supervisors = new List<DistributedSupervisor>();
        foreach (var node in nodes)
        {
            supervisors.Add(await DistributedSupervisor.StartAsync(node, "workers", children));
        }

        // Each child runs once, on the node the ring places it on (how evenly depends on the node names, which carry
        // this process's id: the spread itself is checked with fixed names below).
        await DistributedSupervisorInvariants.AssertEachRunsOnceAsync(nodes, [.. children.Select(c => c.Id)], started);
    }

    [Fact]
    public void The_hash_ring_spreads_children_over_the_nodes_and_a_lost_node_moves_only_its_own()
    {
        var ring = new HashRingPlacement();
        var ids = Enumerable.Range(0, 9).Select(i => "worker" + i).ToList();
        var three = ids.ToDictionary(id => id, id => ring.Place(id, ["a@host", "b@host", "c@host"]));
        Assert.Equal(3, three.Values.Distinct().Count());
        var two = ids.ToDictionary(id => id, id => ring.Place(id, ["a@host", "b@host"]));
        Assert.All(ids.Where(id => three[id] != "c@host"), id => Assert.Equal(three[id], two[id])); // consistent hashing
    }

    [Fact]
    public async Task The_children_of_a_lost_member_are_restarted_on_the_survivors()
    {
        await using var cluster = new TestCluster();
        var nodes = await cluster.StartMeshAsync(3);
        var started = new ConcurrentQueue<(string, Pid)>();
        var children = Children(started, 6);
        var ids = children.Select(c => c.Id).ToList();
        foreach (var node in nodes)
        {
            await DistributedSupervisor.StartAsync(node, "workers", children);
        }

        await DistributedSupervisorInvariants.AssertEachRunsOnceAsync(nodes, ids, started);
        var victim = nodes.First(n => ids.Any(id => nodes[0].Cluster.Global.Registrations[id].Owner == n.NodeName));
        var survivors = nodes.Where(n => n != victim).ToList();

        // A crash-like loss: the victim is cut off, and then stopped.
        cluster.Network.Partition([victim.NodeName!], survivors.Select(n => n.NodeName!));
        await cluster.StopAsync(victim);
        await DistributedSupervisorInvariants.AssertEachRunsOnceAsync(survivors, ids, started); // the victim's instances are gone with it; each child runs once on a survivor
    }

    [Fact]
    public async Task A_singleton_with_a_quorum_stops_on_the_minority_side_and_runs_on_the_majority()
    {
        await using var cluster = new TestCluster();
        var nodes = await cluster.StartMeshAsync(3);
        var started = new ConcurrentQueue<(string, Pid)>();
        foreach (var node in nodes)
        {
            await DistributedSupervisor.StartSingletonAsync(node, "leader", () => new Worker(started, "leader"), quorum: 2);
        }

        await DistributedSupervisorInvariants.AssertEachRunsOnceAsync(nodes, ["leader"], started);
        var host = nodes.First(n => n.NodeName == nodes[0].Cluster.Global.Registrations["leader"].Owner);
        var first = host.Cluster.Global.Whereis("leader");
        var majority = nodes.Where(n => n != host).ToList();

        cluster.Network.Partition([host.NodeName!], majority.Select(n => n.NodeName!));
        await host.WhenExited(first).WaitAsync(TestCluster.Wait); // the minority side lost quorum: its singleton stops
        await DistributedSupervisorInvariants.AssertEachRunsOnceAsync(majority, ["leader"], new ConcurrentQueue<(string, Pid)>(started.Where(s => s.Item2 != first)));
        Assert.True(host.Cluster.Global.Whereis("leader").IsNone);
    }

    [Fact]
    public async Task Bad_children_or_options_are_refused()
    {
        await using var cluster = new TestCluster();
        var node = await cluster.StartAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => DistributedSupervisor.StartAsync(node, "d", [new DistributedChild("a", () => new Worker(new(), "a")), new DistributedChild("a", () => new Worker(new(), "a"))]));
        await Assert.ThrowsAsync<ArgumentException>(() => DistributedSupervisor.StartAsync(node, "d", [], new DistributedSupervisorOptions { Quorum = 0 }));
        Assert.Equal("b@h", new HashRingPlacement().Place("only", ["b@h"]));
        Assert.Throws<ArgumentException>(() => new HashRingPlacement().Place("none", []));
    }
}
