using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace Arbor.TimerAB;

/// <summary>
/// Arming a <c>SendAfter</c> on the default (system) clock and cancelling it before it fires, per timer — the same
/// measurement as <c>Arbor.Benchmarks</c>' <c>TimerBenchmarks</c>, written against public API only so the baseline
/// assembly can run it too.
/// </summary>
[MemoryDiagnoser]
public class TimerABBenchmarks
{
    private const int Timers = 100_000;

    private ArborNode _node = null!;
    private Pid _target;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _node = await ArborNode.StartAsync();
        _target = (await GenServer.StartAsync(_node, () => new Sink())).Pid;
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

    [Benchmark(OperationsPerInvoke = Timers, Description = "SendAfter, cancelled in bulk after (per timer)")]
    public int SendAfterManyThenCancel()
    {
        var timers = new TimerRef[Timers];
        for (var i = 0; i < Timers; i++)
        {
            timers[i] = _node.SendAfter(_target, TimeSpan.FromHours(1), "never");
        }

        var cancelled = 0;
        foreach (var timer in timers)
        {
            cancelled += timer.Cancel() ? 1 : 0;
        }

        return cancelled;
    }

    /// <summary>A process that takes whatever it is sent and does nothing with it.</summary>
    private sealed class Sink : GenServer
    {
        protected override ValueTask HandleInfoAsync(object message) => default;
    }
}
