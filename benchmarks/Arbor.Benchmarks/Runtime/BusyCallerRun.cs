using System.Threading;
using System.Threading.Tasks;
using Arbor.Benchmarks.Servers;

namespace Arbor.Benchmarks.Runtime;

/// <summary>
/// A <see cref="BusyCaller"/> already inside its measuring handler, held at a gate while its mailbox is flooded; the
/// measurement starts when the gate opens, so queueing the noise is not timed.
/// </summary>
public sealed class BusyCallerRun
{
    private readonly ArborNode _node;
    private readonly BusyCallerRef _caller;
    private readonly TaskCompletionSource _gate;
    private readonly ValueTask<double> _measuring;

    private BusyCallerRun(ArborNode node, BusyCallerRef caller, TaskCompletionSource gate, ValueTask<double> measuring)
    {
        _node = node;
        _caller = caller;
        _gate = gate;
        _measuring = measuring;
    }

    public static async Task<BusyCallerRun> PrepareAsync(ArborNode node, AccumulatorRef target, int calls, int queued)
    {
        var caller = await BusyCaller.StartAsync(node);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var measuring = caller.MeasureAsync(target, calls, gate.Task, Timeout.InfiniteTimeSpan);
        for (var i = 0; i < queued; i++)
        {
            caller.Noise();
        }

        // The noise was just allocated: left young, the first collections during the measurement would copy all of it
        // to an older generation and bill that to the calls. A mailbox that is long is usually old, so settle it first.
        System.GC.Collect();
        System.GC.WaitForPendingFinalizers();

        return new BusyCallerRun(node, caller, gate, measuring);
    }

    /// <summary>Opens the gate and returns the mean nanoseconds per call, as timed inside the caller's handler.</summary>
    public async Task<double> MeasureAsync()
    {
        _gate.SetResult();
        return await _measuring;
    }

    /// <summary>Kills the caller. Separate from the measurement: failing and dropping 500k queued messages is not a call.</summary>
    public async Task StopAsync()
    {
        _node.Exit(_caller.Pid, ExitReason.Kill);
        await _node.WhenExited(_caller.Pid);
    }
}
