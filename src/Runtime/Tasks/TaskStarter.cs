using System;
using System.Threading;
using System.Threading.Tasks;

namespace Arbor.Tasks;

/// <summary>Starts and stops the tasks of a process: the logic behind <c>StartTask</c>, <c>RunTask</c> and <c>StopTask</c>.</summary>
internal static class TaskStarter
{
    private static readonly StartOptions s_linked = new() { Link = true };
    private static readonly StartOptions s_monitored = new() { Monitor = true };

    public static TaskRef Start(Process owner, TaskLink link, Func<CancellationToken, ValueTask<object?>> work, Func<TaskRef, object?, object>? completion)
    {
        if (Process.Current != owner)
        {
            throw new InvalidOperationException(
                "A task is started by its owner's own code (a handler, init or terminate of that process), not from another thread " +
                "or a continuation that left the process.");
        }

        if (link is not TaskLink.Linked and not TaskLink.Unlinked)
        {
            throw new ArgumentOutOfRangeException(nameof(link), link, "TaskLink must be Linked or Unlinked.");
        }

        var task = new TaskRef(owner.Pid, link);
        var request = new TaskStartRequest(task, () => new TaskServer(task, work, completion));
        Process.Start(owner.Node, request, link == TaskLink.Linked ? s_linked : s_monitored);
        return task;
    }

    public static void Stop(Process owner, TaskRef task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (Process.Current != owner || task.Owner != owner.Pid)
        {
            throw new InvalidOperationException($"Task {task.Id} can only be stopped by the process that started it ({task.Owner}).");
        }

        // Ending the task first means neither a completion nor a failure is told from now on.
        task.TryEnd();
        if (task.Link == TaskLink.Linked && task.Pid.Process is { } process)
        {
            owner.Unlink(process);
        }

        Process.SendExit(owner.Pid, task.Pid, ExitReason.Kill);
    }

    public static Func<CancellationToken, ValueTask<object?>> Boxed(Func<CancellationToken, Task> work) =>
        async token =>
        {
            await work(token).ConfigureAwait(false);
            return null;
        };

    public static Func<CancellationToken, ValueTask<object?>> Boxed(Func<CancellationToken, ValueTask> work) =>
        async token =>
        {
            await work(token).ConfigureAwait(false);
            return null;
        };

    public static Func<CancellationToken, ValueTask<object?>> Boxed<T>(Func<CancellationToken, Task<T>> work) =>
        async token => await work(token).ConfigureAwait(false);

    public static Func<CancellationToken, ValueTask<object?>> Boxed<T>(Func<CancellationToken, ValueTask<T>> work) =>
        async token => await work(token).ConfigureAwait(false);
}
