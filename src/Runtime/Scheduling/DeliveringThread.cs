using System.Threading;

namespace Arbor.Scheduling;

/// <summary>
/// A thread outside the scheduler that delivers messages in batches (a distribution connection's reader) and runs the
/// first process a batch woke itself, right after the batch, the way a BEAM scheduler that polled a port goes on to
/// run the process the port's data woke. The message then costs no wake-up of a scheduler thread: on a two-core
/// machine that wake-up was most of a remote call's latency. Other processes the batch woke go to the run queue.
/// </summary>
/// <remarks>
/// The turn is a watched work item: a handler that keeps the thread past the watchdog's "held" mark gets the thread's
/// own duty (reading its connection) moved to another thread through <see cref="WorkerThread.WhenHeld"/>.
/// </remarks>
internal static class DeliveringThread
{
    /// <summary>Starts a batch of deliveries on this thread: the first process they wake waits in its run-next slot.</summary>
    public static WorkerThread BeginBatch()
    {
        var thread = Worker.This;
        thread.CollectsWoken = true;
        return thread;
    }

    /// <summary>
    /// Ends the batch; returns the process to run now, if the batch woke one. A process of a node with a scheduler of
    /// its own (deterministic mode) goes to that scheduler instead, which decides every step there.
    /// </summary>
    public static Process? EndBatch(WorkerThread thread)
    {
        thread.CollectsWoken = false;
        if (thread.TakeProcess() is not { } woken)
        {
            return null;
        }

        if (woken.Scheduler != SchedulerThreads.Shared)
        {
            woken.Requeue();
            return null;
        }

        return woken;
    }

    /// <summary>Runs <paramref name="woken"/>'s turn, and what its turn hands off, as one work item the watchdog sees.</summary>
    public static void Run(WorkerThread thread, Process woken)
    {
        thread.Items++;
        Volatile.Write(ref thread.InItem, true);
        try
        {
            Worker.Run(woken);
        }
        finally
        {
            Volatile.Write(ref thread.InItem, false);
        }
    }
}
