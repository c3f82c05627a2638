using System.Diagnostics.CodeAnalysis;

namespace Arbor.Introspection;

/// <summary>
/// What the process table sorts a process by: its sort column read once (a number or a text), kept beside the process so a
/// page is chosen without building a row for every process. Only the rows of the page are built afterwards.
/// </summary>
internal readonly struct ProcessSortValue
{
    private ProcessSortValue(Process process, long number, string? text)
    {
        Process = process;
        Number = number;
        Text = text;
    }

    public Process Process { get; }

    /// <summary>The column's value for numeric columns (the pid's serial for <see cref="ProcessSortKey.Pid"/>).</summary>
    public long Number { get; }

    /// <summary>The column's value for text columns (null sorts last by name, first by behaviour).</summary>
    public string? Text { get; }

    /// <summary>Reads <paramref name="key"/>'s column of <paramref name="process"/>: counting a mailbox only for the mailbox column.</summary>
    [SuppressMessage("Style", "IDE0072:Add missing cases", Justification = "Pid is the default column.")]
    public static ProcessSortValue Of(Process process, ProcessSortKey key) => key switch
    {
        ProcessSortKey.Name => new(process, 0, process.RegisteredName),
        ProcessSortKey.Behavior => new(process, 0, process.Behavior?.GetType().Name),
        ProcessSortKey.MailboxDepth => new(process, process.CountWaiting(NodeIntrospection.ListQueueCap), null),
        ProcessSortKey.MessagesHandled => new(process, process.ExtrasIfAny?.Statistics?.Handled ?? 0, null),
        ProcessSortKey.BusyTime => new(process, process.ExtrasIfAny?.Statistics?.BusyTicks ?? 0, null),
        ProcessSortKey.Links => new(process, LinksAndWatchers(process), null),
        _ => new(process, process.Pid.Id, null),
    };

    private static long LinksAndWatchers(Process process)
    {
        var (links, watchers) = process.CountLinksAndWatchers();
        return links + watchers;
    }
}
