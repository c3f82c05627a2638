using System.Collections.Concurrent;

namespace Arbor.Cluster.Tests.Support;

/// <summary>The distributed-supervisor invariant the supervision and nemesis tests check.</summary>
internal static class DistributedSupervisorInvariants
{
    /// <summary>
    /// The invariant: every node's replica names a holder for every child, all replicas agree, each holder is alive on a
    /// node of <paramref name="nodes"/>, and every other instance ever started has stopped.
    /// </summary>
    public static async Task AssertEachRunsOnceAsync(IReadOnlyList<ArborNode> nodes, IReadOnlyList<string> ids, ConcurrentQueue<(string Id, Pid Pid)> started)
    {
        var names = nodes.Select(n => n.NodeName!).ToHashSet();
        foreach (var node in nodes)
        {
            await node.Cluster.Global.WaitForAsync(
                replica => ids.All(id => replica.TryGetValue(id, out var r) && names.Contains(r.Owner)), TestCluster.Wait);
        }

        // Each replica is waited on through its own publishes (a condition is re-checked only when its replica changes).
        foreach (var other in nodes)
        {
            await other.Cluster.Global.WaitForAsync(
                replica => ids.All(id =>
                    replica.TryGetValue(id, out var theirs) && nodes[0].Cluster.Global.Registrations.TryGetValue(id, out var mine) && mine.Owner == theirs.Owner),
                TestCluster.Wait);
        }

        foreach (var (id, pid) in started)
        {
            var owner = nodes.First(n => n.NodeName == nodes[0].Cluster.Global.Registrations[id].Owner);
            if (owner.Cluster.Global.Whereis(id) == pid)
            {
                Assert.True(pid.IsAlive, $"{id}'s registered holder is not alive");
            }
            else
            {
                await owner.WhenExited(pid).WaitAsync(TestCluster.Wait); // a superseded instance stops
            }
        }
    }
}
