using System;
using System.Threading;
using Arbor.Timers;

namespace Arbor.Scheduling;

/// <summary>
/// Watches the turns running on worker threads, from the timer threads' passes (every few milliseconds, shared by all
/// nodes). It costs the hot path one increment per turn (<see cref="WorkerThread.Turns"/>) and one store per message
/// (<see cref="WorkerThread.Handling"/>): a turn is long when a thread's count stands still across passes, the way Go's
/// sysmon spots a goroutine that has run too long.
/// </summary>
/// <remarks>
/// Two things follow from a long turn. Past a few tens of milliseconds the thread counts as held and
/// <see cref="PoolCompensation"/> lets the thread pool add threads at once instead of at its starvation pace (about two a
/// second), so other processes keep being served. Past the node's <see cref="ArborNodeOptions.LongTurnThreshold"/> the
/// turn is reported once (log and metrics) with the process, its server type and the handler.
/// </remarks>
internal static class TurnWatchdog
{
    /// <summary>Passes closer together than this are skipped (several timer threads, or a timer thread with many timers).</summary>
    private const int MinPassIntervalMs = 4;

    /// <summary>How often the timer thread should come back while a turn is being watched.</summary>
    internal const int WatchingPollMs = 5;

    /// <summary>
    /// A turn seen by this many passes, over at least <see cref="HeldAfterMs"/>, holds its thread: one garbage collection
    /// pause (which stops every thread, the watchdog too) cannot make a short turn look held.
    /// </summary>
    private const int HeldAfterSightings = 3;

    private const int HeldAfterMs = 25;

    private static int s_passing;
    private static long s_lastPassMs = long.MinValue;
    private static int s_longTurns;
    private static int s_heldThreads;

    /// <summary>Turns running now that have passed their node's threshold.</summary>
    public static int LongTurnsRunning => Volatile.Read(ref s_longTurns);

    /// <summary>Worker threads held by a turn now (what the pool is compensated for).</summary>
    public static int HeldThreads => Volatile.Read(ref s_heldThreads);

    /// <summary>
    /// One pass, unless another is running or one ran moments ago. Returns true while some turn spans passes, so the
    /// caller comes back within <see cref="WatchingPollMs"/>.
    /// </summary>
    public static bool Check(long nowMs)
    {
        if (nowMs < Volatile.Read(ref s_lastPassMs) + MinPassIntervalMs || Interlocked.CompareExchange(ref s_passing, 1, 0) != 0)
        {
            return Volatile.Read(ref s_heldThreads) > 0;
        }

        try
        {
            Volatile.Write(ref s_lastPassMs, nowMs);
            return Pass(nowMs);
        }
        finally
        {
            Volatile.Write(ref s_passing, 0);
        }
    }

    /// <summary>The turn <paramref name="process"/> is running on a worker thread now, if any.</summary>
    public static RunningTurn? Find(Process process)
    {
        foreach (var thread in WorkerThreadRegistry.All)
        {
            if (Volatile.Read(ref thread.InTurn) && ReferenceEquals(Volatile.Read(ref thread.Current), process))
            {
                var watch = thread.Watch;
                var runningFor = watch.Sightings > 0 ? TimeSpan.FromMilliseconds(Math.Max(0, TimerClock.NowMs - watch.SinceMs)) : TimeSpan.Zero;
                return Describe(process, thread.Handling, runningFor, watch.IsLong);
            }
        }

        return null;
    }

    private static bool Pass(long nowMs)
    {
        var watching = false;
        var held = 0;
        foreach (var thread in WorkerThreadRegistry.All)
        {
            var watch = thread.Watch;
            var turn = Volatile.Read(ref thread.Turns);
            var process = Volatile.Read(ref thread.Current);
            if (!Volatile.Read(ref thread.InTurn) || process is null)
            {
                End(watch);
                continue;
            }

            if (watch.Sightings == 0 || turn != watch.Turn)
            {
                End(watch);
                watch.Turn = turn;
                watch.SinceMs = nowMs;
                watch.Sightings = 1;
                continue;
            }

            watching = true;
            watch.Sightings++;
            var runningMs = nowMs - watch.SinceMs;
            if (watch.Sightings >= HeldAfterSightings && runningMs >= HeldAfterMs)
            {
                held++;
            }

            if (!watch.IsLong && runningMs >= process.Node.Scheduling.LongTurnThresholdMs)
            {
                watch.IsLong = true;
                Interlocked.Increment(ref s_longTurns);
                SchedulerTelemetry.RecordLongTurn();
                // Read after the turn count: if the turn moved on meanwhile, the next pass ends this incident.
                process.Node.Scheduling.Reporter.LongTurn(Describe(process, thread.Handling, TimeSpan.FromMilliseconds(runningMs), isLong: true));
            }
        }

        Volatile.Write(ref s_heldThreads, held);
        PoolCompensation.Adjust(held);
        return watching;
    }

    private static void End(TurnWatch watch)
    {
        if (watch.IsLong)
        {
            Interlocked.Decrement(ref s_longTurns);
        }

        watch.Forget();
    }

    private static RunningTurn Describe(Process process, Protocol.Envelope? handling, TimeSpan runningFor, bool isLong) =>
        new(process.Pid, HandlerNames.ServerOf(process), HandlerNames.Of(handling, process.Behavior is not null), runningFor, isLong);
}
