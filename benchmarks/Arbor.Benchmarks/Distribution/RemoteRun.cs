using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Arbor.Distribution;
using Arbor.Distribution.Terms;

namespace Arbor.Benchmarks.Distribution;

/// <summary>
/// <c>-- remote BEAM_DIR [scale]</c>: remote cast throughput (one producer, one server on another node, loopback) and
/// sequential call latency for Arbor→Arbor, Arbor→Erlang, Erlang→Arbor, and Erlang→Erlang as the anchor, all in one
/// run on one machine. <c>BEAM_DIR</c> holds the compiled <c>arbor_remote_bench</c>. An optional third argument runs
/// only the pairs whose label contains it (e.g. <c>arbor_to_arbor</c>, for profiling one pair).
/// </summary>
internal static class RemoteRun
{
    private static readonly Atom Tick = Atom.Of("tick");
    private static readonly Atom Ping = Atom.Of("ping");

    public static async Task RunAsync(string beamDirectory, double scale, string? only = null)
    {
        bool Runs(string label) => only is null || label.Contains(only, StringComparison.Ordinal);
        var casts = (int)(200_000 * scale);
        var calls = (int)(20_000 * scale);
        var epmd = FreePort();
        var cookie = "bench";
        var options = new DistributionOptions { EpmdPort = epmd };
        await using var a = await ArborNode.StartAsync(new ArborNodeOptions { Name = "bench_a", Cookie = cookie, Distribution = options });
        await using var b = await ArborNode.StartAsync(new ArborNodeOptions { Name = "bench_b", Cookie = cookie, Distribution = options });
        await GenServer.StartAsync(b, () => new RemoteSink(), new StartOptions { Name = "sink" });
        using var erlSink = StartErl(beamDirectory, epmd, cookie, "bench_e1", "arbor_remote_bench:sink()");
        await WaitReadyAsync(erlSink);

        var erlNode = "bench_e1@" + b.NodeName!.Split('@')[1];
        if (Runs("arbor_to_arbor"))
        {
            await MeasureArborAsync(a, b.NodeName!, "arbor_to_arbor", casts, calls);
        }

        if (Runs("arbor_to_erlang"))
        {
            await MeasureArborAsync(a, erlNode, "arbor_to_erlang", casts, calls);
        }

        if (Runs("erlang_to_arbor"))
        {
            // The Arbor side's receive and reply paths reach their steady state in a first, discarded client run.
            await RunErlangClientAsync(beamDirectory, epmd, cookie, "bench_e2", b.NodeName!, "erlang_to_arbor", casts, calls, print: false);
            await Task.Delay(TierUpPause);
            await RunErlangClientAsync(beamDirectory, epmd, cookie, "bench_e2", b.NodeName!, "erlang_to_arbor", casts, calls);
        }

        if (Runs("erlang_to_erlang"))
        {
            await RunErlangClientAsync(beamDirectory, epmd, cookie, "bench_e3", erlNode, "erlang_to_erlang", casts, calls);
        }

        erlSink.Kill(entireProcessTree: true);
    }

    private static async Task MeasureArborAsync(ArborNode from, string node, string label, int casts, int calls)
    {
        await WarmUpAsync(from, node, casts);
        var baseCount = (long)(await from.CallAsync("sink", node, Ping))!;

        using var sampler = Environment.GetEnvironmentVariable("ARBOR_BENCH_ALLOCS") == "1" ? new AllocationSampler() : null;
        sampler?.Start();
        var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var switchesBefore = VoluntarySwitches();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < casts; i++)
        {
            from.Cast("sink", node, Tick);
        }

        var enqueueSeconds = clock.Elapsed.TotalSeconds;

        while ((long)(await from.CallAsync("sink", node, Ping, TimeSpan.FromSeconds(60)))! < baseCount + casts)
        {
        }

        var castSeconds = clock.Elapsed.TotalSeconds;
        self.Refresh();
        var castCpu = self.TotalProcessorTime - cpuBefore;
        var castAllocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
        sampler?.StopAndPrint(label + " casts");
        sampler?.Start();
        var castSwitches = VoluntarySwitches() - switchesBefore;
        switchesBefore = VoluntarySwitches();
        cpuBefore = self.TotalProcessorTime;
        allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        clock.Restart();
        for (var i = 0; i < calls; i++)
        {
            await from.CallAsync("sink", node, Ping);
        }

        var callMicros = clock.Elapsed.TotalMicroseconds / calls;
        self.Refresh();
        var callCpu = self.TotalProcessorTime - cpuBefore;
        var callAllocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
        var callSwitches = VoluntarySwitches() - switchesBefore;
        sampler?.StopAndPrint(label + " calls");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}_cast {casts / castSeconds:0} msgs/s"));
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: casts queued at {casts / enqueueSeconds:0}/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}_call {callMicros:0.0} us/call"));

        // CPU time and allocation of this .NET process (both nodes for Arbor->Arbor): load-independent costs per message.
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: per cast {castCpu.TotalMicroseconds / casts:0.00} us CPU, {castAllocated / (double)casts:0} B allocated, {castSwitches / (double)casts:0.00} thread sleeps; per call {callCpu.TotalMicroseconds / calls:0.0} us CPU, {callAllocated / (double)calls:0} B allocated, {callSwitches / (double)calls:0.0} thread sleeps"));
    }

    /// <summary>
    /// Runs the workload until the code it touches is at its steady state: rounds of a tenth of the casts (counted in)
    /// and 200 calls for at least <see cref="WarmUpTime"/>, then a pause for the tiered JIT's background compilations.
    /// Without it the measurement times .NET's first-tier code (unoptimised, three to four times slower here) against a
    /// BEAM that compiled its code at load.
    /// </summary>
    private static async Task WarmUpAsync(ArborNode from, string node, int casts)
    {
        var warmCasts = Math.Max(casts / 10, 1000);
        var clock = Stopwatch.StartNew();
        do
        {
            var warmBase = (long)(await from.CallAsync("sink", node, Ping))!;
            for (var i = 0; i < warmCasts; i++)
            {
                from.Cast("sink", node, Tick);
            }

            while ((long)(await from.CallAsync("sink", node, Ping, TimeSpan.FromSeconds(60)))! < warmBase + warmCasts)
            {
            }

            for (var i = 0; i < 200; i++)
            {
                await from.CallAsync("sink", node, Ping);
            }
        }
        while (clock.Elapsed < WarmUpTime);

        await Task.Delay(TierUpPause);
    }

    /// <summary>How long each pair's workload runs before it is measured.</summary>
    private static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(2);

    /// <summary>The tiered JIT compiles hot methods in the background after a short delay; this lets it finish.</summary>
    private static readonly TimeSpan TierUpPause = TimeSpan.FromMilliseconds(500);

    /// <summary>Voluntary context switches of all this process's threads (Linux; 0 elsewhere): how often a thread blocked and had to be woken.</summary>
    private static long VoluntarySwitches()
    {
        if (!Directory.Exists("/proc/self/task"))
        {
            return 0;
        }

        long total = 0;
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                foreach (var line in File.ReadLines(Path.Combine(task, "status")))
                {
                    if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal))
                    {
                        total += long.Parse(line.AsSpan("voluntary_ctxt_switches:".Length).Trim(), CultureInfo.InvariantCulture);
                    }
                }
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
            }
        }

        return total;
    }

    private static async Task RunErlangClientAsync(string beamDirectory, int epmd, string cookie, string alive, string target, string label, int casts, int calls, bool print = true)
    {
        using var client = StartErl(beamDirectory, epmd, cookie, alive,
            $"arbor_remote_bench:run([\"{target}\", \"{casts}\", \"{calls}\", \"{label}\"])");
        var output = await client.StandardOutput.ReadToEndAsync();
        if (print)
        {
            Console.Write(output);
        }

        await client.WaitForExitAsync();
    }

    private static Process StartErl(string beamDirectory, int epmd, string cookie, string alive, string eval)
    {
        var info = new ProcessStartInfo("erl") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-sname", alive, "-setcookie", cookie, "-noshell", "-start_epmd", "false", "-pa", beamDirectory, "-eval", eval })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["ERL_EPMD_PORT"] = epmd.ToString(CultureInfo.InvariantCulture);
        return Process.Start(info) ?? throw new InvalidOperationException("erl did not start");
    }

    private static async Task WaitReadyAsync(Process erl)
    {
        while (await erl.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.Trim() == "ready")
            {
                return;
            }
        }

        throw new IOException("the Erlang sink exited before it was ready");
    }

    /// <summary>A loopback port free now (for EPMD and listeners of the in-process nodes).</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
