using System.Diagnostics.Metrics;

namespace Arbor.Scheduling;

/// <summary>The scheduler's instruments, on the <see cref="ArborTelemetry.MeterName"/> meter.</summary>
internal static class SchedulerTelemetry
{
    /// <summary><c>arbor.scheduler.long_turns</c>: turns that ran past their node's long-turn threshold.</summary>
    private static readonly Counter<long> s_longTurns = ArborTelemetry.Meter.CreateCounter<long>(
        "arbor.scheduler.long_turns", "{turn}", "Handler turns that ran longer than the node's long-turn threshold.");

    /// <summary><c>arbor.scheduler.long_turns.running</c>: long turns running now.</summary>
    private static readonly ObservableGauge<int> s_longTurnsRunning = ArborTelemetry.Meter.CreateObservableGauge(
        "arbor.scheduler.long_turns.running", static () => TurnWatchdog.LongTurnsRunning, "{turn}", "Handler turns running now that are past the long-turn threshold.");

    /// <summary><c>arbor.scheduler.compensation.threads</c>: reserve scheduler threads serving the run queue now.</summary>
    private static readonly ObservableGauge<int> s_compensation = ArborTelemetry.Meter.CreateObservableGauge(
        "arbor.scheduler.compensation.threads", static () => SchedulerThreads.Shared.ReserveThreadsServing, "{thread}", "Reserve scheduler threads woken to serve queued work while long handlers hold the others.");

    public static void RecordLongTurn()
    {
        if (s_longTurns.Enabled)
        {
            s_longTurns.Add(1);
        }
    }

    /// <summary>Creates the observable instruments (they are otherwise created on first use of this class).</summary>
    public static void EnsureCreated() => _ = (s_longTurnsRunning, s_compensation);
}
