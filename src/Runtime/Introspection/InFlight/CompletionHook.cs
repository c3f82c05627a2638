using System;
using System.Threading;
using System.Threading.Tasks;

namespace Arbor.Introspection.InFlight;

/// <summary>
/// Runs the runtime's own reaction to a handler's completion (the process resuming, a dirty handler reporting back) so
/// that a tracking node never looks quiescent in between.
/// </summary>
/// <remarks>
/// An awaiter's continuation is queued to the thread pool, uncounted, when its task completes while a non-default
/// synchronization context is current — and the rest of an asynchronous handler after an in-context <c>await</c> runs
/// under its process's context. The counted continuation that completed the task is then uncounted before the queued
/// reaction has counted the process it wakes: for that gap the node reads as quiescent while a message waits behind the
/// unfinished handler. On a tracking node the reaction is therefore attached with
/// <see cref="TaskContinuationOptions.ExecuteSynchronously"/> on the default scheduler, which runs inline with the
/// completion whatever context is current. Other nodes keep the allocation-free awaiter registration.
/// </remarks>
internal static class CompletionHook
{
    private static readonly Action<Task, object?> s_invoke = static (_, state) => ((Action)state!)();

    /// <summary>
    /// Registers <paramref name="reaction"/> to run once <paramref name="pending"/> has completed. On a tracking node
    /// <paramref name="pending"/> is first replaced by the task it was converted to, before the reaction can run, so the
    /// reaction reads the outcome from where it is kept.
    /// </summary>
    /// <param name="pending">An incomplete value task, kept by the caller and read only through this reference from now on.</param>
    /// <param name="reaction">What to run on completion; must not throw.</param>
    /// <param name="inFlight">The node's in-flight counter when it tracks, else null.</param>
    public static void Register(ref ValueTask pending, Action reaction, InFlightCounter? inFlight)
    {
        if (inFlight is null)
        {
            pending.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(reaction);
            return;
        }

        // AsTask returns the task itself for a task-backed value task; a source-backed one is wrapped (and consumed).
        var task = pending.AsTask();
        pending = new ValueTask(task);
        task.ContinueWith(s_invoke, reaction, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
