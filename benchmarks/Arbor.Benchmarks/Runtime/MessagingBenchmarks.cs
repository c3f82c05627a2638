using System.Threading.Tasks;
using Arbor.Benchmarks.Servers;
using BenchmarkDotNet.Attributes;

namespace Arbor.Benchmarks.Runtime;

/// <summary>Cast throughput, call round trip, ping-pong and fan-in through the generated clients of [GenServer] classes.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 7)]
public class MessagingBenchmarks
{
    private const int Casts = 10_000_000;
    private const int Calls = 1_000_000;
    private const int Rounds = 1_000_000;

    private ArborNode _node = null!;
    private AccumulatorRef _accumulator;
    private PingerRef _pinger;
    private PongerRef _ponger;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _node = await ArborNode.StartAsync();
        _accumulator = await Accumulator.StartAsync(_node);
        _pinger = await Pinger.StartAsync(_node);
        _ponger = await Ponger.StartAsync(_node);
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _node.DisposeAsync();

    [Benchmark(OperationsPerInvoke = Casts, Description = "cast 1->1 (per cast)")]
    public Task Cast() => Workloads.CastAsync(_accumulator, Casts);

    [Benchmark(OperationsPerInvoke = Calls, Description = "call round trip (per call)")]
    public Task Call() => Workloads.CallAsync(_accumulator, Calls);

    [Benchmark(OperationsPerInvoke = Rounds, Description = "ping-pong (per round trip)")]
    public Task PingPong() => Workloads.PingPongAsync(_pinger, _ponger, Rounds);

    [Benchmark(OperationsPerInvoke = Casts, Description = "fan-in 4->1 (per cast)")]
    public Task FanIn() => Workloads.FanInAsync(_accumulator, 4, Casts);
}
