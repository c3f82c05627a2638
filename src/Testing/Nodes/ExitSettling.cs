using System;
using System.Diagnostics.Metrics;
using System.Threading;
using System.Threading.Tasks;

namespace Arbor.Testing;

/// <summary>
/// Waits for processes that are still on their way out when a test ends: a process linked to a supervised child gets its
/// exit signal as that child stops, and exits a moment after the supervisor reports the child gone. The runtime publishes
/// every exit on its <c>arbor.process.exits</c> counter (after the node has counted the process out), so the wait is
/// driven by those events, not by polling: each exit re-checks the node's count, and a quiet period with processes still
/// alive means they are not exiting at all.
/// </summary>
internal static class ExitSettling
{
    private const string ExitsInstrument = "arbor.process.exits";

    /// <summary>The processes still alive on <paramref name="node"/> once no exit has happened for <paramref name="quietPeriod"/> (0 at once when none are).</summary>
    public static async Task<int> AliveAfterSettlingAsync(ArborNode node, TimeSpan quietPeriod)
    {
        if (node.ProcessCount == 0)
        {
            return 0;
        }

        using var exited = new SemaphoreSlim(0);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ArborTelemetry.MeterName && instrument.Name == ExitsInstrument)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, _, _) => exited.Release());
        listener.Start();

        // An exit between the first check and Start is not lost: the count is read again after every wait.
        while (node.ProcessCount > 0 && await exited.WaitAsync(quietPeriod).ConfigureAwait(false))
        {
        }

        return node.ProcessCount;
    }
}
