using System.Collections.Concurrent;

namespace Arbor.Cluster.Tests.Support;

/// <summary>The distributed-supervisor invariant the supervision and nemesis tests check.</summary>
internal static class DistributedSupervisorInvariants
{
    /// <summary>
    /// The invariant, once the cluster has settled: every replica of <paramref name="nodes"/> names, for every child, the
    /// same holder on the node the default placement picks among <paramref name="nodes"/>; that holder is alive; and every
    /// other instance ever started has stopped — each child runs exactly once.
    /// </summary>
    public static async Task AssertEachRunsOnceAsync(IReadOnlyList<ArborNode> nodes, IReadOnlyList<string> ids, ConcurrentQueue<(string Id, Pid Pid)> started)
    {
        var names = nodes.Select(n => n.NodeName!).Order(StringComparer.Ordinal).ToList();
        var placement = new HashRingPlacement();
        var expected = ids.ToDictionary(id => id, id => placement.Place(id, names));
        await Replicas.WaitAsync(
            nodes,
            () => ids.All(id =>
            {
                var holders = nodes.Select(n => n.Cluster.Global.Registrations.TryGetValue(id, out var r) ? r : null).ToList();
                return holders.All(r => r is not null && r.Owner == expected[id] && r.Stamp == holders[0]!.Stamp);
            }),
            $"Every child of [{string.Join(", ", ids)}] held once, on its placed node, in every replica");

        foreach (var (id, pid) in started)
        {
            var owner = nodes.First(n => n.NodeName == expected[id]);
            if (owner.Cluster.Global.Whereis(id) == pid)
            {
                Assert.True(pid.IsAlive, $"{id}'s registered holder {pid} is not alive");
            }
            else
            {
                await owner.WhenExited(pid).WaitAsync(TestCluster.Wait); // a superseded instance stops
            }
        }
    }
}
