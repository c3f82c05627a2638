using System;
using System.Threading;

namespace Arbor.Scheduling;

/// <summary>
/// Keeps the thread pool serving other processes while turns hold some of its threads. Processes run on the .NET thread
/// pool, which adds a thread about twice a second when all of its threads are busy; sixteen blocked handlers on two cores
/// would freeze the node for seconds. While threads are held, the pool's minimum is raised above the held count, so the
/// pool creates threads at once for the queued work; when the turns end, the minimum goes back to what it was and the
/// pool retires the extra threads when they idle. This is how .NET compensates for a blocking <c>Task.Wait</c> on a pool
/// thread, applied to handlers the runtime sees are held.
/// </summary>
/// <remarks>
/// The headroom above the held count (the work queued behind them, at least the held count again, plus a thread per core)
/// lets one step absorb a burst of blocking handlers queued together. The pool still starts the new threads one after
/// another, each at the pace the operating system schedules a new thread on a busy machine, so work queued behind a
/// burst of blocking handlers waits for that. A minimum set by the application while compensation is active becomes the new
/// baseline. Called only by the watchdog, one pass at a time.
/// </remarks>
internal static class PoolCompensation
{
    /// <summary>Most threads ever added above the baseline.</summary>
    internal const int MaxExtraThreads = 512;

    /// <summary>Most queued work items counted towards the target (a burst of short items needs no thread each).</summary>
    private const int MaxQueuedCounted = 64;

    private static int s_baseline = -1;
    private static int s_applied;

    /// <summary>Threads the minimum is raised by now.</summary>
    public static int ExtraThreads => Volatile.Read(ref s_baseline) < 0 ? 0 : Math.Max(0, Volatile.Read(ref s_applied) - Volatile.Read(ref s_baseline));

    /// <summary>Sets the pool's minimum for <paramref name="held"/> held threads.</summary>
    public static void Adjust(int held)
    {
        if (held == 0 && s_baseline < 0)
        {
            return;
        }

        ThreadPool.GetMinThreads(out var workers, out var io);
        if (s_baseline < 0 || workers != s_applied)
        {
            // First compensation, or the application changed the minimum meanwhile: that is the baseline now.
            s_baseline = workers;
            s_applied = workers;
        }

        // Room for the held threads, for the work queued behind them (or as much again), and a thread per core.
        var queued = (int)Math.Min(ThreadPool.PendingWorkItemCount, MaxQueuedCounted);
        var target = held == 0 ? s_baseline : s_baseline + Math.Min(MaxExtraThreads, held + Math.Max(held, queued) + Environment.ProcessorCount);
        if (target != s_applied && ThreadPool.SetMinThreads(target, io))
        {
            Volatile.Write(ref s_applied, target);
        }

        if (held == 0 && s_applied == s_baseline)
        {
            Volatile.Write(ref s_baseline, -1);
        }
    }
}
