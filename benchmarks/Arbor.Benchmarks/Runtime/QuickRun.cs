using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Arbor.Benchmarks.Servers;

namespace Arbor.Benchmarks.Runtime;

/// <summary>
/// A fast stopwatch run of Arbor's core workloads (median of several rounds), for quick before/after checks; the
/// side-by-side comparison has its own harness (benchmarks/Comparison), and BenchmarkDotNet remains the reference.
/// </summary>
public static class QuickRun
{
    public static async Task<IReadOnlyList<(string Workload, double PerSecond, string Unit)>> RunAsync(int rounds, double scale, string? only = null)
    {
        await using var node = await ArborNode.StartAsync();
        var accumulator = await Accumulator.StartAsync(node);
        var pinger = await Pinger.StartAsync(node);
        var ponger = await Ponger.StartAsync(node);
        var casts = (int)(10_000_000 * scale);
        var calls = (int)(1_000_000 * scale);
        var spawns = (int)(1_000_000 * scale);

        var results = new List<(string, double, string)>();
        var wanted = only?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        bool Selected(string name) => wanted is null || Array.Exists(wanted, w => name.StartsWith(w, StringComparison.OrdinalIgnoreCase));
        if (Selected("cast"))
        {
            results.Add(("cast", await MedianRateAsync(rounds, casts, () => Workloads.CastAsync(accumulator, casts)), "msgs/s"));
        }

        if (Selected("call"))
        {
            results.Add(("call", await MedianRateAsync(rounds, calls, () => Workloads.CallAsync(accumulator, calls)), "calls/s"));
        }

        if (Selected("async-relay"))
        {
            var relay = await Relay.StartAsync(node, accumulator);
            results.Add(("async-relay", await MedianRateAsync(rounds, calls / 4, () => Workloads.RelayAsync(relay, calls / 4)), "calls/s"));
        }

        if (Selected("ping"))
        {
            results.Add(("ping-pong", await MedianRateAsync(rounds, calls, () => Workloads.PingPongAsync(pinger, ponger, calls)), "round-trips/s"));
        }

        if (Selected("fan"))
        {
            results.Add(("fan-in", await MedianRateAsync(rounds, casts, () => Workloads.FanInAsync(accumulator, 4, casts)), "msgs/s"));
        }

        if (Selected("statem"))
        {
            var machine = await Servers.Switch.StartAsync(node);
            var events = (int)(2_000_000 * scale);
            results.Add(("statem-cast", await MedianRateAsync(rounds, events, () => BehaviourWorkloads.StateMachineCastAsync(machine, events)), "msgs/s"));
            results.Add(("statem-call", await MedianRateAsync(rounds, calls, () => BehaviourWorkloads.StateMachineCallAsync(machine, calls)), "calls/s"));
        }

        if (Selected("notify"))
        {
            var manager = await BehaviourWorkloads.StartManagerAsync(node, handlers: 10);
            var events = (int)(1_000_000 * scale);
            results.Add(("notify-10", await MedianRateAsync(rounds, events, () => BehaviourWorkloads.NotifyAsync(manager, events)), "events/s"));
        }

        if (Selected("busy"))
        {
            await WarmUp.RunAsync(() => Workloads.CallFromBusyProcessAsync(node, accumulator, calls / 10, queued: 0));

            var idleCaller = await Workloads.CallFromBusyProcessAsync(node, accumulator, calls / 10, queued: 0);
            var busyCaller = await Workloads.CallFromBusyProcessAsync(node, accumulator, calls / 10, queued: 500_000);
            results.Add(("call-idle-caller", 1e9 / idleCaller, "calls/s"));
            results.Add(("call-500k-queued", 1e9 / busyCaller, "calls/s"));
        }

        if (Selected("spawn"))
        {
            var spawn = await Workloads.MeasureSpawnAsync(spawns);
            results.Add(("spawn", spawn.ProcessesPerSecond, "processes/s"));
            results.Add(("process-memory", spawn.BytesPerProcess, "bytes/process"));
        }

        return results;
    }

    private static async Task<double> MedianRateAsync(int rounds, int operations, Func<Task> workload)
    {
        await WarmUp.RunAsync(workload);

        var rates = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            var clock = Stopwatch.StartNew();
            await workload();
            rates.Add(operations / clock.Elapsed.TotalSeconds);
        }

        rates.Sort();
        return rates[rates.Count / 2];
    }

    public static void Print(IEnumerable<(string Workload, double PerSecond, string Unit)> results)
    {
        foreach (var (workload, value, unit) in results)
        {
            var shown = unit.StartsWith("bytes", StringComparison.Ordinal) ? $"{value:0}" : $"{value / 1e6:0.00}M";
            Console.WriteLine($"{workload,-22} {shown,10} {unit}");
        }
    }
}
