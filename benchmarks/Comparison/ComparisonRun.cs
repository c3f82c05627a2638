using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Tasks;

namespace Arbor.Comparison;

/// <summary>
/// Times the workloads of one runtime: every workload is warmed up for the same time, then run a number of rounds;
/// the median round is reported as one "name value unit" line (the format <c>benchmarks/compare.sh</c> reads). The Erlang
/// side (<c>benchmarks/erlang/arbor_bench.erl</c>) uses the same counts, warm-up and rounds.
/// </summary>
public static class ComparisonRun
{
    /// <summary>
    /// How long each workload runs before it is measured. The .NET JIT compiles methods unoptimised first and recompiles
    /// hot ones with profile data later (tiered compilation), so measured cold, a short run times unoptimised code; the
    /// BEAM has no such phase, but gets the same warm-up for symmetry.
    /// </summary>
    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1.5);

    /// <summary>Number of concurrent callers in the many-caller workloads.</summary>
    public const int Callers = 64;

    /// <summary>Runs every workload at <paramref name="scale"/> (1.0 = 10M casts, 1M calls, 1M spawns) and prints one line each.</summary>
    public static async Task RunAsync(Func<IComparedRuntime> create, double scale, int rounds)
    {
        var casts = (int)(10_000_000 * scale);
        var calls = (int)(1_000_000 * scale);
        var spawns = (int)(1_000_000 * scale);
        var perCaller = calls / Callers;

        await using var runtime = create();
        await runtime.StartAsync();
        Report("cast", await MedianRateAsync(rounds, casts, () => runtime.CastAsync(casts)), "msgs/s");
        Report("call", await MedianRateAsync(rounds, calls, () => runtime.CallAsync(calls)), "calls/s");
        Report("ping-pong", await MedianRateAsync(rounds, calls, () => runtime.PingPongAsync(calls)), "round-trips/s");
        Report("fan-in", await MedianRateAsync(rounds, casts, () => runtime.FanInAsync(4, casts)), "msgs/s");
        foreach (var extra in await runtime.PrepareExtraWorkloadsAsync(scale))
        {
            Report(extra.Name, await MedianRateAsync(rounds, extra.Operations, extra.Run), extra.Unit);
        }

        await runtime.PrepareManyCallersAsync(1);
        Report("call-64x1", await MedianRateAsync(rounds, perCaller * Callers, () => runtime.ManyCallersAsync(Callers, 1, perCaller)), "calls/s");
        await runtime.PrepareManyCallersAsync(Callers);
        Report("call-64x64", await MedianRateAsync(rounds, perCaller * Callers, () => runtime.ManyCallersAsync(Callers, Callers, perCaller)), "calls/s");

        Report("spawn-sequential", await SpawnRateAsync(rounds, spawns, () => runtime.SpawnSequentialAsync(spawns), runtime), "processes/s");
        Report("spawn-pipelined", await SpawnRateAsync(rounds, spawns, () => runtime.SpawnPipelinedAsync(spawns), runtime), "processes/s");
    }

    /// <summary>
    /// In a fresh process: resident memory growth per idle server, for <paramref name="count"/> servers started (pipelined)
    /// after a small warm-up batch. Prints "rss-per-process bytes/process".
    /// </summary>
    public static async Task MeasureMemoryAsync(Func<IComparedRuntime> create, int count)
    {
        await using var runtime = create();
        await runtime.StartAsync();
        var warm = await runtime.SpawnPipelinedAsync(1_000);
        ResidentMemory.Settle();
        var before = ResidentMemory.Bytes();
        var spawned = await runtime.SpawnPipelinedAsync(count);
        ResidentMemory.Settle();
        var after = ResidentMemory.Bytes();
        GC.KeepAlive(spawned);
        GC.KeepAlive(warm);
        Report("rss-per-process", (after - before) / (double)count, "bytes/process");
    }

    private static async Task<double> MedianRateAsync(int rounds, int operations, Func<Task> workload)
    {
        var warming = Stopwatch.StartNew();
        do
        {
            await workload();
        }
        while (warming.Elapsed < WarmUp);

        var rates = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            var clock = Stopwatch.StartNew();
            await workload();
            rates.Add(operations / clock.Elapsed.TotalSeconds);
        }

        return Median(rates);
    }

    private static async Task<double> SpawnRateAsync(int rounds, int count, Func<Task<object>> spawn, IComparedRuntime runtime)
    {
        var warming = Stopwatch.StartNew();
        do
        {
            await runtime.StopSpawnedAsync(await spawn());
        }
        while (warming.Elapsed < WarmUp);

        var rates = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            ResidentMemory.Settle();
            var clock = Stopwatch.StartNew();
            var spawned = await spawn();
            rates.Add(count / clock.Elapsed.TotalSeconds);
            await runtime.StopSpawnedAsync(spawned);
        }

        return Median(rates);
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static void Report(string workload, double value, string unit) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{workload} {value:0.0} {unit}"));
}
