using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace Arbor.Benchmarks.Runtime;

/// <summary>Spawning 1M idle GenServers; MemoryDiagnoser's allocated bytes per operation include the transient start request.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class SpawnBenchmarks
{
    private const int Processes = 1_000_000;

    private ArborNode _node = null!;

    [IterationSetup]
    public void Setup() => _node = ArborNode.StartAsync().AsTask().GetAwaiter().GetResult();

    [IterationCleanup]
    public void Cleanup() => _node.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = Processes, Description = "spawn idle GenServer (per process)")]
    public Task Spawn() => Workloads.SpawnAsync(_node, Processes);
}
