using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Arbor.Cluster;
using Arbor.Cluster.Replication;
using Arbor.Cluster.Tests.Support;
using Arbor.Distribution;

namespace Arbor.Benchmarks.Cluster;

/// <summary>
/// <c>-- converge [rounds] [keys]</c>: three cluster nodes in this process on loopback, joined through the cluster tests'
/// partitionable proxies. Each round cuts one node off, writes <c>keys</c> map entries and counter increments on both
/// sides, heals, and times (1) heal → every replica equal, and (2) mesh re-formed → every replica equal (the replication
/// part, without the membership retry). Also the write → visible-on-another-member latency in a connected cluster at the
/// default 100 ms delta interval and at 10 ms. Stopwatch figures, one run: a sketch, not BenchmarkDotNet statistics.
/// </summary>
internal static class ConvergenceRun
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private static readonly CrdtCodec<LwwMap<string, long>> MapCodec = CrdtCodecs.LwwMap(TermCodecs.String, TermCodecs.Int64);

    public static async Task RunAsync(int rounds, int keys)
    {
        Console.WriteLine($"load average: {LoadAverage()}; {Environment.ProcessorCount} cores; {rounds} rounds, {keys} keys per side per round");
        await using var network = new Network();
        var nodes = new List<ArborNode>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                nodes.Add(await StartNodeAsync(network, $"conv{Environment.ProcessId}x{i}@127.0.0.1", nodes.Count == 0 ? null : nodes[0].NodeName));
            }

            await MeshAsync(nodes);
            await MeasureHealAsync(network, nodes, rounds, keys);
            await MeasureLatencyAsync(nodes, TimeSpan.FromMilliseconds(100), "default 100 ms");
            await MeasureLatencyAsync(nodes, TimeSpan.FromMilliseconds(10), "10 ms");
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    private static async Task MeasureHealAsync(Network network, List<ArborNode> nodes, int rounds, int keys)
    {
        var maps = new Replicated<LwwMap<string, long>>[3];
        var counters = new Replicated<PNCounter>[3];
        for (var i = 0; i < 3; i++)
        {
            maps[i] = await Replicated.StartAsync(nodes[i], "bench-map", MapCodec);
            counters[i] = await Replicated.StartAsync(nodes[i], "bench-counter", CrdtCodecs.PNCounter);
        }

        var healToEqual = new List<double>();
        var meshToEqual = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var cut = nodes[round % 3];
            var rest = nodes.Where(node => node != cut).ToList();
            network.Partition([cut.NodeName!], rest.Select(node => node.NodeName!));
            await cut.Cluster.WaitForMembersAsync(members => members.Count == 0, Wait);
            foreach (var node in rest)
            {
                await node.Cluster.WaitForMembersAsync(members => members.Count == 1, Wait);
            }

            var cutIndex = nodes.IndexOf(cut);
            var otherIndex = nodes.IndexOf(rest[0]);
            for (var k = 0; k < keys; k++)
            {
                var key = "k" + k;
                var value = round * keys + k;
                maps[cutIndex].Update((map, replica) => map.SetDelta(replica, key, value));
                maps[otherIndex].Update((map, replica) => map.SetDelta(replica, key, -value));
                counters[cutIndex].Update((counter, replica) => counter.IncrementDelta(replica, 1));
                counters[otherIndex].Update((counter, replica) => counter.DecrementDelta(replica, 1));
            }

            // Both sides have applied their writes locally (updates run in order; a final awaited one marks the end).
            await maps[cutIndex].UpdateAsync((map, _) => LwwMap<string, long>.Empty);
            await maps[otherIndex].UpdateAsync((map, _) => LwwMap<string, long>.Empty);
            await counters[cutIndex].UpdateAsync((counter, _) => PNCounter.Empty);
            await counters[otherIndex].UpdateAsync((counter, _) => PNCounter.Empty);
            var expectedMap = maps.Aggregate(LwwMap<string, long>.Empty, (all, map) => all.Join(map.Value));
            var expectedCounter = counters.Aggregate(PNCounter.Empty, (all, counter) => all.Join(counter.Value));

            var clock = Stopwatch.StartNew();
            network.HealAll();
            await MeshAsync(nodes);
            var meshed = clock.Elapsed.TotalMilliseconds;
            foreach (var map in maps)
            {
                await map.WaitForAsync(value => value.Equals(expectedMap), Wait);
            }

            foreach (var counter in counters)
            {
                await counter.WaitForAsync(value => value.Equals(expectedCounter), Wait);
            }

            var equal = clock.Elapsed.TotalMilliseconds;
            healToEqual.Add(equal);
            meshToEqual.Add(equal - meshed);
        }

        Console.WriteLine($"converge after heal ({keys} keys + {keys} counter changes per side): heal→equal median {Median(healToEqual):0.0} ms, max {healToEqual.Max():0.0} ms; " +
                          $"mesh re-formed→equal median {Median(meshToEqual):0.0} ms, max {meshToEqual.Max():0.0} ms");
    }

    private static async Task MeasureLatencyAsync(List<ArborNode> nodes, TimeSpan interval, string label)
    {
        var options = new ReplicationOptions { DeltaInterval = interval };
        var name = "bench-latency-" + (int)interval.TotalMilliseconds;
        var writer = await Replicated.StartAsync(nodes[0], name, CrdtCodecs.PNCounter, options);
        var reader = await Replicated.StartAsync(nodes[1], name, CrdtCodecs.PNCounter, options);
        var samples = new List<double>();
        for (var i = 1; i <= 30; i++)
        {
            var clock = Stopwatch.StartNew();
            await writer.UpdateAsync((counter, replica) => counter.IncrementDelta(replica, 1));
            var target = i;
            await reader.WaitForAsync(value => value.Value == target, Wait);
            samples.Add(clock.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine($"write → visible on another member, delta interval {label}: median {Median(samples):0.0} ms, max {samples.Max():0.0} ms (30 writes, one at a time)");
    }

    private static async Task<ArborNode> StartNodeAsync(Network network, string name, string? seed)
    {
        var port = network.Add(name);
        return await ArborNode.StartAsync(new ArborNodeOptions
        {
            Name = name,
            Cookie = "bench",
            ShutdownTimeout = TimeSpan.FromSeconds(2),
            Distribution = new DistributionOptions
            {
                UseEpmd = false,
                ListenPort = port,
                PeerPort = (alive, host) => network.PortFor(name, alive + "@" + host),
                NetTickTime = TimeSpan.FromSeconds(10),
                ConnectTimeout = TimeSpan.FromSeconds(3),
            },
            Cluster = new ClusterOptions { Seeds = seed is null ? [] : [seed], ReconnectInterval = TimeSpan.FromMilliseconds(100) },
        });
    }

    private static async Task MeshAsync(List<ArborNode> nodes)
    {
        foreach (var node in nodes)
        {
            await node.Cluster.WaitForMembersAsync(members => members.Count == nodes.Count - 1, Wait);
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(value => value).ToList();
        return sorted[sorted.Count / 2];
    }

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Trim();
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
