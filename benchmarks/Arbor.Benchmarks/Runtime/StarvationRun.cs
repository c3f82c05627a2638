using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Benchmarks.Servers;
using Microsoft.Extensions.Logging;

namespace Arbor.Benchmarks.Runtime;

/// <summary>
/// Issue 12's scenario: <c>busy</c> handlers hog their threads (spinning or blocking) for <c>holdMs</c> while a task calls
/// an idle server in a loop. Reports the idle server's call latency, how late a 5 s call timeout reaches its caller, how
/// long a process start takes meanwhile, and when the starvation was first logged. Run one mode per process (the
/// thread pool's state carries over): <c>-- starvation MODE [busy] [holdMs]</c> with MODE one of <c>spin</c>,
/// <c>spin-dirty</c>, <c>sleep</c>, <c>sleep-dirty</c>, <c>none</c>.
/// </summary>
public static class StarvationRun
{
    private const int CallTimeoutMs = 5000;

    public static async Task<IReadOnlyList<(string Metric, double Value, string Unit)>> RunAsync(string mode, int busy, int holdMs)
    {
        var logs = new FirstWarning();
        await using var node = await ArborNode.StartAsync(new ArborNodeOptions { LoggerFactory = logs });
        var idle = await Idle.StartAsync(node);
        var blocker = await Hog.StartAsync(node);
        var hogs = new List<HogRef>();
        var dirtyHogs = new List<DirtyHogRef>();
        for (var i = 0; i < busy; i++)
        {
            if (mode.EndsWith("-dirty", StringComparison.Ordinal))
            {
                dirtyHogs.Add(await DirtyHog.StartAsync(node));
            }
            else
            {
                hogs.Add(await Hog.StartAsync(node));
            }
        }

        // Warm the measuring path so the first measured call does not pay for JIT.
        for (var i = 0; i < 10_000; i++)
        {
            await idle.AliveAsync();
        }

        var clock = Stopwatch.StartNew();
        logs.Clock = clock;
        var sleep = mode.StartsWith("sleep", StringComparison.Ordinal);
        foreach (var hog in hogs)
        {
            if (sleep) { hog.Block(holdMs); } else { hog.Spin(holdMs); }
        }

        foreach (var hog in dirtyHogs)
        {
            if (sleep) { hog.Block(holdMs); } else { hog.Spin(holdMs); }
        }

        // A call that must time out: its server is blocked for longer than the timeout.
        blocker.Block(CallTimeoutMs + 2000);
        var timeout = Task.Run(async () =>
        {
            var started = clock.Elapsed;
            try
            {
                await blocker.PingAsync(TimeSpan.FromMilliseconds(CallTimeoutMs));
                return double.NaN;
            }
            catch (CallTimeoutException)
            {
                return (clock.Elapsed - started).TotalMilliseconds;
            }
        });

        var starts = Task.Run(async () =>
        {
            var worst = 0.0;
            while (clock.ElapsedMilliseconds < holdMs)
            {
                var started = clock.Elapsed;
                var process = await Idle.StartAsync(node);
                worst = Math.Max(worst, (clock.Elapsed - started).TotalMilliseconds);
                node.Exit(process.Pid, ExitReason.Kill);
                await Task.Delay(100);
            }

            return worst;
        });

        var latencies = await Task.Run(async () =>
        {
            var samples = new List<double>();
            while (clock.ElapsedMilliseconds < holdMs)
            {
                var started = clock.Elapsed;
                await idle.AliveAsync(TimeSpan.FromSeconds(30));
                samples.Add((clock.Elapsed - started).TotalMilliseconds);
            }

            return samples;
        });

        var worstStart = await starts;
        var timeoutArrival = await timeout;
        BusyWork.StopAll = true;
        latencies.Sort();
        return
        [
            ("idle-calls", latencies.Count, "calls"),
            ("idle-call-p50", Percentile(latencies, 0.50), "ms"),
            ("idle-call-p99", Percentile(latencies, 0.99), "ms"),
            ("idle-call-max", latencies.Count == 0 ? double.NaN : latencies[^1], "ms"),
            ("start-max", worstStart, "ms"),
            ("timeout-5s-arrival", timeoutArrival, "ms"),
            ("first-long-turn-log", logs.AtMs, "ms"),
        ];
    }

    public static void Print(string mode, int busy, int holdMs, IReadOnlyList<(string Metric, double Value, string Unit)> results)
    {
        Console.WriteLine($"starvation {mode}: {busy} handlers holding their thread for {holdMs} ms, {Environment.ProcessorCount} cores");
        foreach (var (metric, value, unit) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{metric,-22} {value,12:0.00} {unit}"));
        }
    }

    private static double Percentile(List<double> sorted, double fraction) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(fraction * sorted.Count) - 1)];

    /// <summary>Records when the first warning (the long-turn report) was logged.</summary>
    private sealed class FirstWarning : ILoggerFactory, ILogger
    {
        private double _atMs = double.NaN;

        public Stopwatch? Clock { get; set; }

        public double AtMs => Volatile.Read(ref _atMs);

        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (Clock is { } clock && double.IsNaN(Volatile.Read(ref _atMs)))
            {
                Volatile.Write(ref _atMs, clock.Elapsed.TotalMilliseconds);
            }
        }
    }
}
