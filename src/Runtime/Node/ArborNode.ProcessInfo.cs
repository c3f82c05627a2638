namespace Arbor;

public sealed partial class ArborNode
{
    /// <summary>The most queued messages <see cref="GetProcessInfo(Pid)"/> counts (counting walks the queue).</summary>
    public const int ProcessInfoQueueCap = 10_000_000;

    /// <summary>
    /// A snapshot of <paramref name="pid"/> — mailbox length, name, parent, behaviour, links and monitors — or null when it
    /// is not a live process of this node (OTP <c>process_info/1</c> returning <c>undefined</c>). Safe from any thread,
    /// including for a process stuck in a handler; it does not ask the process anything. Counting the mailbox walks it,
    /// so the cost grows with its length (stopping at <see cref="ProcessInfoQueueCap"/>).
    /// </summary>
    public ProcessInfo? GetProcessInfo(Pid pid)
    {
        if (pid.Process is not { } process || !ReferenceEquals(process.Node, this) || !process.IsAlive)
        {
            return null;
        }

        var (links, monitoredBy) = process.CountLinksAndWatchers();
        return new ProcessInfo(
            pid,
            process.RegisteredName,
            process.Parent,
            process.Behavior?.GetType().Name,
            process.CountWaiting(ProcessInfoQueueCap),
            process.MailboxLimit,
            process.TrapExit,
            links,
            monitoredBy);
    }
}
