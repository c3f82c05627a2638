namespace Arbor.Tasks;

/// <summary>How a task started from a process is tied to that process (its owner).</summary>
public enum TaskLink
{
    /// <summary>
    /// The task is linked to its owner (Elixir <c>Task.async</c> / <c>Task.start_link</c>): a task that fails takes its
    /// owner down with the same reason, so the owner's supervisor sees the failure and restarts it; an owner that exits
    /// takes its tasks with it. An owner that traps exits receives <see cref="Exited"/> instead.
    /// </summary>
    Linked,

    /// <summary>
    /// The task is monitored by its owner, not linked (Elixir <c>Task.Supervisor.async_nolink</c>): a task that fails
    /// sends its owner a <see cref="TaskFailed"/> message and the owner goes on; the task keeps running if its owner exits.
    /// </summary>
    Unlinked,
}
