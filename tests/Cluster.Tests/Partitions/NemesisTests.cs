using System.Collections.Concurrent;
using Arbor.Cluster.Tests.Support;

namespace Arbor.Cluster.Tests.Partitions;

/// <summary>
/// A seeded, bounded nemesis: random partitions (two sides, or one more link cut on top of the current ones, so a
/// partition need not be transitive) and heals of a four-node cluster while names are registered on random nodes, then a
/// final heal and the invariants: every replica of the global registry equal, every registered name held exactly once by
/// a live process, every other successful registrant stopped with the conflict reason, every child of the distributed
/// supervisor running exactly once.
/// </summary>
/// <remarks>
/// By default it runs <see cref="DefaultRounds"/> rounds (a few seconds, for CI). ARBOR_NEMESIS_SECONDS=60 runs rounds
/// for a minute instead (the full run); ARBOR_NEMESIS_SEED and ARBOR_NEMESIS_ROUNDS replay a failure — both are
/// in its message.
/// </remarks>
public sealed class NemesisTests
{
    private const int DefaultRounds = 12;

    private sealed class Worker : GenServer
    {
        public Worker(ConcurrentQueue<(string Id, Pid Pid)> started, string id) => started.Enqueue((id, Self));
    }

    [Fact]
    public async Task Invariants_hold_after_random_partitions_heal()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("ARBOR_NEMESIS_SEED"), out var fixedSeed) ? fixedSeed : Environment.TickCount;
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("ARBOR_NEMESIS_ROUNDS"), out var fixedRounds) ? fixedRounds : DefaultRounds;
        var duration = int.TryParse(Environment.GetEnvironmentVariable("ARBOR_NEMESIS_SECONDS"), out var seconds) ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero;
        var run = new Run();
        try
        {
            await RunAsync(seed, rounds, duration, run);
        }
        catch (Exception exception)
        {
            throw new Xunit.Sdk.XunitException($"Nemesis failed with ARBOR_NEMESIS_SEED={seed} ARBOR_NEMESIS_ROUNDS={run.Rounds}: {exception}");
        }
    }

    /// <summary>How far a run got (for the replay line of a failure).</summary>
    private sealed class Run
    {
        public int Rounds { get; set; }
    }

    private static async Task RunAsync(int seed, int rounds, TimeSpan duration, Run run)
    {
        var random = new Random(seed);
        await using var cluster = new TestCluster();
        var nodes = await cluster.StartMeshAsync(4);
        var started = new ConcurrentQueue<(string Id, Pid Pid)>();
        var ids = Enumerable.Range(0, 6).Select(i => "child" + i).ToList();
        foreach (var node in nodes)
        {
            await DistributedSupervisor.StartAsync(node, "nemesis", [.. ids.Select(id => new DistributedChild(id, () => new Worker(started, id)))]);
        }

        var registered = new List<(string Name, Pid Pid, ArborNode Node)>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var round = 0; round < rounds || clock.Elapsed < duration; round++)
        {
            run.Rounds = round + 1;
            switch (random.Next(4))
            {
                case 0:
                    cluster.Network.HealAll();
                    break;
                case 1:
                    // One more link cut on top of the current cuts: partitions that are not transitive.
                    var pair = nodes.OrderBy(_ => random.Next()).Take(2).ToList();
                    cluster.Network.Partition([pair[0].NodeName!], [pair[1].NodeName!]);
                    break;
                default:
                    var shuffled = nodes.OrderBy(_ => random.Next()).ToList();
                    var cut = 1 + random.Next(nodes.Count - 1);
                    cluster.Network.HealAll();
                    cluster.Network.Partition(shuffled.Take(cut).Select(n => n.NodeName!), shuffled.Skip(cut).Select(n => n.NodeName!));
                    break;
            }

            await WaitForLinkedMembersAsync(cluster.Network, nodes);

            // Two registrations of one name, from random nodes (the same side or both sides of a cut).
            var name = "name" + random.Next(4);
            foreach (var node in new[] { nodes[random.Next(nodes.Count)], nodes[random.Next(nodes.Count)] })
            {
                var contender = await Probe.StartAsync(node);
                if (await node.Cluster.Global.RegisterAsync(name, contender.Pid))
                {
                    registered.Add((name, contender.Pid, node));
                }
            }
        }

        cluster.Network.HealAll();
        await TestCluster.WaitForMeshAsync(nodes);

        // Every successful registrant either holds its name, everywhere, or was stopped by the conflict rule.
        foreach (var (name, pid, node) in registered)
        {
            var holderOwner = await HolderOwnerAsync(nodes, name);
            if (holderOwner == node.NodeName && node.Cluster.Global.Whereis(name) == pid)
            {
                Assert.True(pid.IsAlive, $"{name}'s holder is dead but still registered");
            }
            else
            {
                Assert.Equal(GlobalRegistry.ConflictReason(name), await node.WhenExited(pid).WaitAsync(TestCluster.Wait));
            }
        }

        // Each child of the distributed supervisor runs exactly once, and every replica names the same owners.
        await DistributedSupervisorInvariants.AssertEachRunsOnceAsync(nodes, ids, started);
    }

    /// <summary>Waits until every node's members are exactly the nodes its links reach.</summary>
    private static async Task WaitForLinkedMembersAsync(Network network, IReadOnlyList<ArborNode> nodes)
    {
        foreach (var node in nodes)
        {
            var expected = nodes.Where(o => o != node && network.IsLinked(node.NodeName!, o.NodeName!)).Select(o => o.NodeName!).Order(StringComparer.Ordinal).ToList();
            await node.Cluster.WaitForMembersAsync(members => members.SequenceEqual(expected), TestCluster.Wait);
        }
    }

    /// <summary>Waits until all replicas agree on the holder of <paramref name="name"/> (local to its owner), and returns its owner.</summary>
    private static async Task<string> HolderOwnerAsync(IReadOnlyList<ArborNode> nodes, string name)
    {
        await Replicas.WaitAsync(
            nodes,
            () => nodes[0].Cluster.Global.Registrations.TryGetValue(name, out var r) &&
                  nodes.All(n => n.Cluster.Global.Registrations.TryGetValue(name, out var o) && o.Pid.IsRemote == (o.Owner != n.NodeName) && o.Owner == r.Owner && o.Stamp == r.Stamp),
            $"Every replica naming one holder of {name}");
        return nodes[0].Cluster.Global.Registrations[name].Owner;
    }
}
