using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace Arbor.Benchmarks.Runtime;

/// <summary>
/// The timer hot path: arming a <c>SendAfter</c> and cancelling it before it fires (what a process does with a
/// watchdog it resets on every message), on the system clock.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 7)]
public class TimerBenchmarks
{
    private const int Timers = 100_000;

    private ArborNode _node = null!;
    private Pid _target;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _node = await ArborNode.StartAsync();
        _target = (await Servers.Accumulator.StartAsync(_node)).Pid;
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _node.DisposeAsync();

    [Benchmark(OperationsPerInvoke = Timers, Description = "SendAfter + Cancel (per timer)")]
    public int SendAfterThenCancel()
    {
        var cancelled = 0;
        for (var i = 0; i < Timers; i++)
        {
            var timer = _node.SendAfter(_target, TimeSpan.FromHours(1), "never");
            cancelled += timer.Cancel() ? 1 : 0;
        }

        return cancelled;
    }
}
