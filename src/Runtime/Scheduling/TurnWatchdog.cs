using System;
using System.Threading;
using Arbor.Timers;

namespace Arbor.Scheduling;

/// <summary>
/// Watches the turns running on worker threads from a thread of its own (one per operating-system process, running
/// while any node is), every few milliseconds. It costs the hot path one increment per turn
/// (<see cref="WorkerThread.Turns"/>) and one store per message (the process's current message): a turn is long
/// when a thread's count stands still across passes, the way Go's sysmon spots a goroutine that has run too long.
/// </summary>
/// <remarks>
/// Two things follow from a long turn. Past a few tens of milliseconds the thread counts as held and
/// <see cref="PoolCompensation"/> lets the thread pool add threads at once instead of at its starvation pace (about two a
/// second), so other processes keep being served. Past the node's <see cref="ArborNodeOptions.LongTurnThreshold"/> the
/// turn is reported once (log and metrics) with the process, its server type and the handler. Its own thread, not the
/// timer thread: adding pool threads and writing logs can take a while on a loaded machine, and timers must not wait.
/// </remarks>
internal static class TurnWatchdog
{
    /// <summary>Pause between passes while some turn spans passes (compensation and reports depend on it).</summary>
    private const int WatchingPollMs = 5;

    /// <summary>Pause between passes while every turn is short.</summary>
    private const int IdlePollMs = 20;

    /// <summary>
    /// A turn seen by this many passes, over at least <see cref="HeldAfterMs"/>, holds its thread: one garbage collection
    /// pause (which stops every thread, the watchdog too) cannot make a short turn look held.
    /// </summary>
    private const int HeldAfterSightings = 3;

    private const int HeldAfterMs = 15;

    private static int s_nodes;
    private static int s_running;
    private static int s_longTurns;
    private static int s_heldThreads;

    /// <summary>Turns running now that have passed their node's threshold.</summary>
    public static int LongTurnsRunning => Volatile.Read(ref s_longTurns);

    /// <summary>Worker threads held by a turn now (what the pool is compensated for).</summary>
    public static int HeldThreads => Volatile.Read(ref s_heldThreads);

    /// <summary>A node started: the watchdog runs while any node does.</summary>
    public static void NodeStarted()
    {
        Interlocked.Increment(ref s_nodes);
        if (Interlocked.CompareExchange(ref s_running, 1, 0) == 0)
        {
            new Thread(Loop) { IsBackground = true, Name = "Arbor turn watchdog" }.Start();
        }
    }

    /// <summary>A node stopped; the watchdog's thread ends after the last one.</summary>
    public static void NodeStopped() => Interlocked.Decrement(ref s_nodes);

    private static void Loop()
    {
        while (true)
        {
            while (Volatile.Read(ref s_nodes) > 0)
            {
                Thread.Sleep(PassSafely() ? WatchingPollMs : IdlePollMs);
            }

            // Give the pool its own minimum back before going; a node starting meanwhile takes the thread over.
            Volatile.Write(ref s_heldThreads, 0);
            PoolCompensation.Adjust(0);
            Volatile.Write(ref s_running, 0);
            if (Volatile.Read(ref s_nodes) == 0 || Interlocked.CompareExchange(ref s_running, 1, 0) != 0)
            {
                return;
            }
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
                return Describe(process, runningFor, watch.IsLong);
            }
        }

        return null;
    }

    /// <summary>
    /// A pass that cannot take the watchdog down: an exception escaping this background thread would end the whole
    /// operating-system process, and a watchdog that stopped would leave starvation unseen. A failed pass is retried on
    /// the next one.
    /// </summary>
    private static bool PassSafely()
    {
        try
        {
            return Pass(TimerClock.NowMs);
        }
        catch (Exception)
        {
            return true;
        }
    }

    /// <summary>One look at every worker thread; true while some turn spans passes.</summary>
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
                process.Node.Scheduling.Reporter.LongTurn(Describe(process, TimeSpan.FromMilliseconds(runningMs), isLong: true));
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

    private static RunningTurn Describe(Process process, TimeSpan runningFor, bool isLong) =>
        new(process.Pid, HandlerNames.ServerOf(process), HandlerNames.Of(process.CurrentMessage, process.Behavior is not null), runningFor, isLong);
}
