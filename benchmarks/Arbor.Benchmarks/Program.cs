using System;
using System.Threading.Tasks;
using Arbor.Benchmarks.Comparison;
using Arbor.Benchmarks.Runtime;
using Arbor.Comparison;
using BenchmarkDotNet.Running;

namespace Arbor.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/Arbor.Benchmarks -- --filter '*'</c> runs the BenchmarkDotNet suite;
/// <c>-- spawn-memory</c> prints the retained bytes per idle process; <c>-- quick [scale] [workload]</c> runs the workloads with a
/// stopwatch; <c>-- compare run [scale] [rounds]</c> and <c>-- compare memory [count]</c> print the side-by-side workloads
/// for <c>benchmarks/compare.sh</c> (the harness in <c>benchmarks/Comparison</c>, shared with Akka.NET and Proto.Actor; the
/// gen_statem and gen_event workloads are Arbor's alone there, compared with Erlang/OTP).
/// <c>-- starvation MODE [busy] [holdMs]</c> runs the scheduling scenario (handlers hogging threads, see <see cref="StarvationRun"/>).
/// <c>-- remote BEAM_DIR [scale]</c> runs the distribution workloads for <c>benchmarks/remote.sh</c>.
/// <c>-- converge [rounds] [keys]</c> times replicated values converging after a partition heals (see <see cref="Cluster.ConvergenceRun"/>).
/// </summary>
public static class Program
{
    public static async Task Main(string[] args)
    {
        if (args is ["spawn-memory", ..])
        {
            var count = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
            var (bytes, rate) = await Workloads.MeasureSpawnAsync(count);
            Console.WriteLine($"spawned {count:N0} idle GenServers: {rate / 1e6:0.00}M processes/s, {bytes:0} bytes retained per process");
            return;
        }

        if (args is ["compare", ..])
        {
            Environment.ExitCode = await ComparisonMain.RunAsync(args[1..], () => new ArborComparedRuntime());
            return;
        }

        if (args is ["starvation", ..])
        {
            var mode = args.Length > 1 ? args[1] : "spin";
            var busy = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 16;
            var holdMs = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 2000;
            StarvationRun.Print(mode, busy, holdMs, await StarvationRun.RunAsync(mode, mode == "none" ? 0 : busy, holdMs));
            return;
        }

        if (args is ["remote", var beams, ..])
        {
            var scale = args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1.0;
            await Distribution.RemoteRun.RunAsync(beams, scale, args.Length > 3 ? args[3] : null);
            return;
        }

        if (args is ["converge", ..])
        {
            var rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
            var keys = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1000;
            await Cluster.ConvergenceRun.RunAsync(rounds, keys);
            return;
        }

        if (args is ["cluster", ..])
        {
            var scale = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1.0;
            await Cluster.ClusterRun.RunAsync(scale);
            return;
        }

        if (args is ["quick", ..])
        {
            var scale = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1.0;
            QuickRun.Print(await QuickRun.RunAsync(rounds: 5, scale, args.Length > 2 ? args[2] : null));
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
