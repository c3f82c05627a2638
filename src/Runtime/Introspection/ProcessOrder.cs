using System;
using System.Collections.Generic;

namespace Arbor.Introspection;

/// <summary>The comparisons behind <see cref="ProcessQuery.SortBy"/>; ties are broken by pid so pages are stable.</summary>
internal static class ProcessOrder
{
    public static Comparison<ProcessSummary> For(ProcessSortKey key, bool descending)
    {
        Comparison<ProcessSummary> primary = key switch
        {
            ProcessSortKey.Name => static (a, b) => CompareNames(a.RegisteredName, b.RegisteredName),
            ProcessSortKey.Behavior => static (a, b) => string.CompareOrdinal(a.Behavior, b.Behavior),
            ProcessSortKey.MailboxDepth => static (a, b) => a.MailboxDepth.CompareTo(b.MailboxDepth),
            ProcessSortKey.MessagesHandled => static (a, b) => a.MessagesHandled.CompareTo(b.MessagesHandled),
            ProcessSortKey.BusyTime => static (a, b) => a.BusyTime.CompareTo(b.BusyTime),
            ProcessSortKey.Links => static (a, b) => (a.Links + a.MonitoredBy).CompareTo(b.Links + b.MonitoredBy),
            _ => static (a, b) => 0,
        };

        return descending
            ? (a, b) => Tie(primary(b, a), a, b)
            : (a, b) => Tie(primary(a, b), a, b);
    }

    private static int Tie(int order, ProcessSummary a, ProcessSummary b) => order != 0 ? order : a.Pid.CompareTo(b.Pid);

    /// <summary>Named processes first, by name; unnamed ones after.</summary>
    private static int CompareNames(string? a, string? b) =>
        (a, b) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            _ => string.CompareOrdinal(a, b),
        };
}
