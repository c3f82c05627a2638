using System;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Tasks;

namespace Arbor;

/// <summary>
/// Supervised background work (Elixir's <c>Task</c>): each task runs in a process of its own, tied to the process that
/// started it, so a failure is never lost — a <see cref="TaskLink.Linked"/> task's failure takes its owner down for the
/// owner's supervisor to handle; an <see cref="TaskLink.Unlinked"/> task's failure arrives as a <see cref="TaskFailed"/>
/// message. The work gets a token that is cancelled when the task is killed or stopped. Start tasks from the process's
/// own code (a handler, init or terminate); the work runs concurrently with the owner's handlers, so it must not touch
/// the owner's state — pass it what it needs and let the result come back as a message. Work is a
/// <see cref="Task"/>-returning delegate (one overload each, so <c>async _ =&gt; { ... }</c> is never ambiguous); work that
/// is already running, a <see cref="ValueTask"/> included, is handed over with <c>WatchTask</c>.
/// </summary>
public abstract partial class ProcessBehavior
{
    /// <summary>
    /// Starts <paramref name="work"/> as a task whose success is not reported (Elixir <c>Task.start_link</c>): use it for
    /// work whose failure matters but whose completion does not (writing an audit record, sending a notification).
    /// </summary>
    /// <param name="work">The work; its argument is cancelled when the task is killed or stopped.</param>
    /// <param name="link">How the task's failure reaches this process.</param>
    /// <returns>The task's reference.</returns>
    /// <exception cref="InvalidOperationException">Called from outside this process's own code.</exception>
    protected TaskRef RunTask(Func<CancellationToken, Task> work, TaskLink link = TaskLink.Linked) =>
        TaskStarter.Start(Owner, link, TaskStarter.Boxed(Checked(work)), completion: null);

    /// <summary>
    /// Watches work that is already running — the task returned by an async call made just now — from a task process, so
    /// that its failure is not lost: <c>_ = SaveAsync(entry);</c> becomes <c>WatchTask(SaveAsync(entry));</c>. The call
    /// itself runs exactly as before (its arguments are evaluated and its synchronous part runs in this handler); only its
    /// outcome is now supervised. Success is not reported. Stopping the task stops the watching, not the work.
    /// </summary>
    /// <param name="running">The running work.</param>
    /// <param name="link">How its failure reaches this process.</param>
    /// <returns>The task's reference.</returns>
    /// <exception cref="InvalidOperationException">Called from outside this process's own code.</exception>
    protected TaskRef WatchTask(Task running, TaskLink link = TaskLink.Linked)
    {
        ArgumentNullException.ThrowIfNull(running);
        return TaskStarter.Start(Owner, link, TaskStarter.Boxed(_ => running), completion: null);
    }

    /// <inheritdoc cref="WatchTask(Task, TaskLink)"/>
    protected TaskRef WatchTask(ValueTask running, TaskLink link = TaskLink.Linked) =>
        TaskStarter.Start(Owner, link, TaskStarter.Boxed(_ => running), completion: null);

    /// <inheritdoc cref="WatchTask(Task, TaskLink)"/>
    protected TaskRef WatchTask<T>(ValueTask<T> running, TaskLink link = TaskLink.Linked) =>
        TaskStarter.Start(Owner, link, TaskStarter.Boxed(_ => running), completion: null);

    /// <summary>
    /// Starts <paramref name="work"/> as a task that reports its completion: this process receives
    /// <see cref="TaskCompleted"/> when it finishes (Elixir <c>Task.async</c>; handle it in an info handler).
    /// </summary>
    /// <param name="work">The work; its argument is cancelled when the task is killed or stopped.</param>
    /// <param name="link">How the task's failure reaches this process.</param>
    /// <returns>The task's reference, which the completion message carries.</returns>
    /// <exception cref="InvalidOperationException">Called from outside this process's own code.</exception>
    protected TaskRef StartTask(Func<CancellationToken, Task> work, TaskLink link = TaskLink.Linked) =>
        TaskStarter.Start(Owner, link, TaskStarter.Boxed(Checked(work)), static (task, _) => new TaskCompleted(task));

    /// <summary>
    /// Starts <paramref name="work"/> as a task whose result comes back as a message: this process receives
    /// <see cref="TaskCompleted{T}"/> with the result when it finishes (Elixir <c>Task.async</c>).
    /// </summary>
    /// <param name="work">The work; its argument is cancelled when the task is killed or stopped.</param>
    /// <param name="link">How the task's failure reaches this process.</param>
    /// <returns>The task's reference, which the result message carries.</returns>
    /// <exception cref="InvalidOperationException">Called from outside this process's own code.</exception>
    protected TaskRef StartTask<T>(Func<CancellationToken, Task<T>> work, TaskLink link = TaskLink.Linked) =>
        TaskStarter.Start(Owner, link, TaskStarter.Boxed(Checked(work)), static (task, result) => new TaskCompleted<T>(task, (T)result!));


    /// <summary>
    /// Stops a task this process started (Elixir <c>Task.shutdown</c> with <c>:brutal_kill</c>): it is killed, its work's
    /// token is cancelled, and nothing more is heard of it — no completion, no failure, no exit signal. A completion
    /// that had already arrived stays in the mailbox. Stopping a task that has ended does nothing.
    /// </summary>
    /// <param name="task">The task.</param>
    /// <exception cref="InvalidOperationException">The task was started by another process, or called from outside this process's own code.</exception>
    protected void StopTask(TaskRef task) => TaskStarter.Stop(Owner, task);

    private static T Checked<T>(T work)
        where T : Delegate
    {
        ArgumentNullException.ThrowIfNull(work);
        return work;
    }
}
