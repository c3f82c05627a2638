using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Arbor.Benchmarks.Servers;
using Arbor.Cluster;
using Arbor.Distribution;

namespace Arbor.Benchmarks.Cluster;

/// <summary>
/// <c>-- cluster [scale]</c>: on a three-node loopback cluster in this process, a global <c>Whereis</c> against a local
/// one (both are reads of this node's tables), the latency of a global registration and of its removal (sequential, one
/// name at a time, every member asked), and the time from a member leaving to its distributed children running on the
/// others. <c>benchmarks/cluster.sh</c> runs Erlang's <c>global</c> on three <c>erl</c> nodes beside it.
/// </summary>
internal static class ClusterRun
{
    private const int Children = 24;

    public static async Task RunAsync(double scale)
    {
        var lookups = (int)(10_000_000 * scale);
        var registrations = (int)(2_000 * scale);
        var epmd = Arbor.Benchmarks.Distribution.RemoteRun.FreePort();
        var nodes = new List<ArborNode>();
        try
        {
            for (var i = 1; i <= 3; i++)
            {
                nodes.Add(await ArborNode.StartAsync(new ArborNodeOptions
                {
                    Name = $"cbench{i}",
                    Cookie = "bench",
                    Distribution = new DistributionOptions { EpmdPort = epmd },
                    Cluster = new ClusterOptions { Seeds = nodes.Count > 0 ? [nodes[0].NodeName!] : [], ReconnectInterval = TimeSpan.FromMilliseconds(200) },
                }));
            }

            foreach (var node in nodes)
            {
                await node.Cluster.WaitForMembersAsync(m => m.Count == 2, TimeSpan.FromSeconds(30));
            }

            var first = nodes[0];
            var server = await Idle.StartAsync(first); // a plain local process to name
            first.Register("bench_local", server.Pid);
            if (!await first.Cluster.Global.RegisterAsync("bench_global", server.Pid))
            {
                throw new InvalidOperationException("bench_global is taken");
            }

            await nodes[2].Cluster.Global.WaitForAsync(v => v.ContainsKey("bench_global"), TimeSpan.FromSeconds(30));
            Report("arbor_whereis_local", MeasureLookups(lookups, () => first.Whereis("bench_local")), "ns");
            Report("arbor_whereis_global", MeasureLookups(lookups, () => first.Cluster.Global.Whereis("bench_global")), "ns");
            Report("arbor_whereis_global_remote_holder", MeasureLookups(lookups, () => nodes[2].Cluster.Global.Whereis("bench_global")), "ns");

            var clock = Stopwatch.StartNew();
            for (var i = 0; i < registrations; i++)
            {
                if (!await first.Cluster.Global.RegisterAsync("bench_" + i.ToString(CultureInfo.InvariantCulture), server.Pid))
                {
                    throw new InvalidOperationException($"bench_{i} was refused");
                }
            }

            Report("arbor_global_register", clock.Elapsed.TotalMicroseconds / registrations, "us");
            clock.Restart();
            for (var i = 0; i < registrations; i++)
            {
                await first.Cluster.Global.UnregisterAsync("bench_" + i.ToString(CultureInfo.InvariantCulture));
            }

            Report("arbor_global_unregister", clock.Elapsed.TotalMicroseconds / registrations, "us");
            await MeasureFailoverAsync(nodes);
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Starts a distributed supervisor of <see cref="Children"/> children on all three nodes, stops the node running the
    /// most of them (a graceful leave), and times until the other two run every child again.
    /// </summary>
    private static async Task MeasureFailoverAsync(List<ArborNode> nodes)
    {
        var children = Enumerable.Range(0, Children)
            .Select(i => new DistributedChild("fo_" + i.ToString(CultureInfo.InvariantCulture), () => new Idle()))
            .ToArray();
        var supervisors = new List<DistributedSupervisor>();
        foreach (var node in nodes)
        {
            supervisors.Add(await DistributedSupervisor.StartAsync(node, "fo", children, new DistributedSupervisorOptions { RestartDelay = TimeSpan.FromMilliseconds(10) }));
        }

        bool AllRunning(IEnumerable<DistributedSupervisor> on) =>
            on.SelectMany(s => s.LocalChildren.Keys).Distinct().Count() == Children && on.Sum(s => s.LocalChildren.Count) == Children;

        await WaitAsync(() => AllRunning(supervisors), "every child running once");
        var leaving = Enumerable.Range(0, nodes.Count).OrderByDescending(i => supervisors[i].LocalChildren.Count).First();
        var moved = supervisors[leaving].LocalChildren.Count;
        var survivors = supervisors.Where((_, i) => i != leaving).ToArray();
        var clock = Stopwatch.StartNew();
        await nodes[leaving].DisposeAsync();
        await WaitAsync(() => AllRunning(survivors), "every child running on the survivors");
        Console.Error.WriteLine($"failover: {moved} children moved");
        Report("arbor_failover_after_leave", clock.Elapsed.TotalMilliseconds, "ms");
    }

    /// <summary>Polls <paramref name="condition"/> (a benchmark, not a test: the poll period bounds the resolution, 1 ms).</summary>
    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException("not within 60 s: " + what);
            }

            await Task.Delay(1);
        }
    }

    private static double MeasureLookups(int lookups, Func<Pid> lookup)
    {
        var found = 0;
        for (var i = 0; i < 100_000; i++)
        {
            found += lookup().IsNone ? 0 : 1;
        }

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < lookups; i++)
        {
            found += lookup().IsNone ? 0 : 1;
        }

        var nanoseconds = clock.Elapsed.TotalNanoseconds / lookups;
        return found == 0 ? throw new InvalidOperationException("the name was never found") : nanoseconds;
    }

    private static void Report(string label, double value, string unit) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label} {value:0.0} {unit}"));
}
