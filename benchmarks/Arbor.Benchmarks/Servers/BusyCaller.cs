using System.Diagnostics;
using System.Threading.Tasks;

namespace Arbor.Benchmarks.Servers;

/// <summary>Calls another server from inside a handler, optionally while its own mailbox is flooded.</summary>
[GenServer]
public sealed partial class BusyCaller
{
    private long _noise;

    /// <summary>
    /// Waits until <paramref name="mailboxFilled"/> completes (the benchmark queues the noise meanwhile), then makes
    /// <paramref name="calls"/> sequential calls and returns the mean nanoseconds per call.
    /// </summary>
    [Call]
    public async ValueTask<double> MeasureAsync(AccumulatorRef target, int calls, Task mailboxFilled)
    {
        await mailboxFilled.ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < calls; i++)
        {
            await target.TotalAsync().ConfigureAwait(false);
        }

        return Stopwatch.GetElapsedTime(started).TotalNanoseconds / calls;
    }

    [Cast]
    public void Noise() => _noise++;
}
