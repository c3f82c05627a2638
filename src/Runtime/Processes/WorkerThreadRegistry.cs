using System;
using System.Threading;

namespace Arbor;

/// <summary>
/// Every thread that has run a process turn or made a call, for the timer threads' passes (rescuing stalled hand-offs,
/// scanning call timeouts). Copy-on-write: a pass reads a snapshot without locking, and a thread registers once.
/// Threads that have exited are dropped once nothing of theirs is left to look at, so a service whose pool threads
/// come and go over months does not accumulate them.
/// </summary>
internal static class WorkerThreadRegistry
{
    private static readonly Lock s_gate = new();
    private static WorkerThread[] s_threads = [];

    /// <summary>A snapshot of the registered threads.</summary>
    public static WorkerThread[] All => Volatile.Read(ref s_threads);

    public static void Add(WorkerThread thread)
    {
        lock (s_gate)
        {
            s_threads = [.. s_threads, thread];
        }
    }

    /// <summary>Drops the threads that have exited and hold nothing more (no parked process, no outstanding call).</summary>
    public static void DropExited()
    {
        if (!Array.Exists(All, static thread => thread.CanBeDropped))
        {
            return;
        }

        lock (s_gate)
        {
            s_threads = Array.FindAll(s_threads, static thread => !thread.CanBeDropped);
        }
    }
}
