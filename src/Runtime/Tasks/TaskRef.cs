using System.Threading;

namespace Arbor.Tasks;

/// <summary>
/// Identifies a task started from a process (see <c>StartTask</c> and <c>RunTask</c> on <see cref="GenServer"/> and
/// state machines); the task's outcome messages (<see cref="TaskCompleted"/>, <see cref="TaskCompleted{T}"/>,
/// <see cref="TaskFailed"/>) carry it, so an owner with several tasks can tell them apart.
/// </summary>
public sealed class TaskRef
{
    private static long s_lastId;
    private int _ended;

    internal TaskRef(Pid owner, TaskLink link)
    {
        Id = Interlocked.Increment(ref s_lastId);
        Owner = owner;
        Link = link;
    }

    /// <summary>A serial number, unique within this operating-system process.</summary>
    public long Id { get; }

    /// <summary>The process the task runs in: an ordinary Arbor process (it can be monitored, linked or killed).</summary>
    public Pid Pid { get; internal set; }

    /// <summary>The process that started the task and receives its outcome.</summary>
    public Pid Owner { get; }

    /// <summary>How the task is tied to its owner.</summary>
    public TaskLink Link { get; }

    /// <summary>
    /// Marks the task's outcome as told (or no longer wanted); true for the one caller that did it. Whoever wins tells the
    /// owner, so the owner hears of a task once: a completion, or a failure, never both.
    /// </summary>
    internal bool TryEnd() => Interlocked.Exchange(ref _ended, 1) == 0;

    /// <inheritdoc/>
    public override string ToString() => $"#Task<{Id}> in {Pid}";
}
