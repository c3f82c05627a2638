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
/// <see cref="SchedulerThreads.Compensate"/> gives every queued work item a thread at once (a parked one woken or a
/// reserve one started), so other processes keep being served. Past the node's <see cref="ArborNodeOptions.LongTurnThreshold"/> the
/// turn is reported once (log and metrics) with the process, its server type and the handler. Its own thread, not the
/// timer thread: starting threads and writing logs can take a while on a loaded machine, and timers must not wait.
/// </remarks>
internal static class TurnWatchdog
{
    /// <summary>Pause between passes while some turn spans passes (compensation and reports depend on it).</summary>
    private const int WatchingPollMs = 5;

    /// <summary>Pause between passes while every turn is short.</summary>
    private const int IdlePollMs = 20;

    /// <summary>
    /// A work item seen by this many passes, over at least <see cref="HeldAfterMs"/>, holds its thread. A garbage
    /// collection pause between two passes can make a short item look held; that costs only a thread that leaves early and
    /// a reserve thread started for nothing, while each extra sighting required delays the rescue of queued work.
    /// </summary>
    private const int HeldAfterSightings = 2;

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
        // Best effort: the thread that sees starvation and rescues queued work should not itself wait behind it.
        ThreadNiceness.RaiseCurrent();
        while (true)
        {
            while (Volatile.Read(ref s_nodes) > 0)
            {
                Thread.Sleep(PassSafely() ? WatchingPollMs : IdlePollMs);
            }

            // A node starting meanwhile takes the thread over.
            Volatile.Write(ref s_heldThreads, 0);
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
            if (IsHeld(thread, watch, nowMs))
            {
                if (Volatile.Read(ref thread.WhenHeld) is { } whenHeld)
                {
                    // Not a scheduler thread: its own duties move to another thread (the queue lost no capacity).
                    whenHeld();
                }
                else
                {
                    held++;
                }
            }

            watching |= watch.ItemSightings > 1;

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

            if (!watch.IsLong && runningMs >= process.Node.Scheduling.LongTurnThresholdMs)
            {
                watch.IsLong = true;
                // Only a reported long turn demotes its thread: on a loaded machine the operating system can pause a
                // short turn for tens of milliseconds, and a short turn at low priority there would crawl.
                Demote(thread);
                Interlocked.Increment(ref s_longTurns);
                SchedulerTelemetry.RecordLongTurn();
                // Read after the turn count: if the turn moved on meanwhile, the next pass ends this incident.
                process.Node.Scheduling.Reporter.LongTurn(Describe(process, TimeSpan.FromMilliseconds(runningMs), isLong: true));
            }
        }

        Volatile.Write(ref s_heldThreads, held);
        SchedulerThreads.Shared.Compensate(held);

        return watching;
    }

    /// <summary>
    /// Whether a scheduler thread is held: the same work item (a turn, or an asynchronous handler's continuation) seen by
    /// several passes. Counted apart from turns so a continuation that blocks is compensated for too.
    /// </summary>
    private static bool IsHeld(WorkerThread thread, TurnWatch watch, long nowMs)
    {
        var item = Volatile.Read(ref thread.Items);
        if (!Volatile.Read(ref thread.InItem))
        {
            watch.ItemSightings = 0;
            return false;
        }

        if (watch.ItemSightings == 0 || item != watch.Item)
        {
            watch.Item = item;
            watch.ItemSinceMs = nowMs;
            watch.ItemSightings = 1;
            return false;
        }

        watch.ItemSightings++;
        return watch.ItemSightings >= HeldAfterSightings && nowMs - watch.ItemSinceMs >= HeldAfterMs;
    }

    /// <summary>
    /// Lowers a held scheduler thread's operating-system priority, once: the long item keeps running, but whenever it
    /// and ordinary work want a core, ordinary work (other processes, this watchdog, the timer thread, callers) wins.
    /// The thread leaves when the item ends (a lowered priority cannot be raised back without privileges).
    /// </summary>
    private static void Demote(WorkerThread thread)
    {
        if (Volatile.Read(ref thread.Demotable) && !thread.Demoted)
        {
            thread.Demoted = true;
            ThreadNiceness.Lower(thread.Owner, thread.NativeId);
        }
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
