using System.Threading.Tasks;
using Arbor.Benchmarks.Servers;
using BenchmarkDotNet.Attributes;

namespace Arbor.Benchmarks.Runtime;

/// <summary>
/// A call made by a process whose own mailbox holds 0 or 500k unrelated messages: replies never go through the caller's
/// mailbox, so the two should cost the same (the target is within 2x).
/// </summary>
// Enough warm-up iterations (about 100 ms each) for the JIT to reach optimised code: one measured it unoptimised.
[SimpleJob(launchCount: 1, warmupCount: 15, iterationCount: 10, invocationCount: 1)]
public class LargeMailboxBenchmarks
{
    private const int Calls = 100_000;

    private ArborNode _node = null!;
    private AccumulatorRef _target;
    private BusyCallerRun? _run;

    [Params(0, 500_000)]
    public int Queued { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _node = await ArborNode.StartAsync();
        _target = await Accumulator.StartAsync(_node);
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _node.DisposeAsync();

    [IterationSetup]
    public void Prepare() => _run = BusyCallerRun.PrepareAsync(_node, _target, Calls, Queued).GetAwaiter().GetResult();

    [IterationCleanup]
    public void Stop() => _run!.StopAsync().GetAwaiter().GetResult();

    /// <summary>Times the calls alone: the noise was queued in the iteration setup, while the caller waited at its gate.</summary>
    [Benchmark(OperationsPerInvoke = Calls, Description = "call from a process with a full mailbox (per call)")]
    public Task<double> Call() => _run!.MeasureAsync();
}
