namespace Arbor.Tasks;

/// <summary>
/// The message a process receives when an <see cref="TaskLink.Unlinked"/> task it started fails: its work threw
/// (the reason carries the exception, and the crash is reported like any process crash), it was killed, or it was
/// stopped before finishing. A <see cref="TaskLink.Linked"/> task's failure arrives as an exit signal instead.
/// </summary>
/// <param name="Task">The task.</param>
/// <param name="Reason">Why it ended.</param>
public sealed record TaskFailed(TaskRef Task, ExitReason Reason);
