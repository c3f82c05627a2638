using System.Collections.Generic;

namespace Arbor.Introspection;

/// <summary>The order behind <see cref="ProcessQuery.SortBy"/>; ties are broken by pid so pages are stable.</summary>
internal sealed class ProcessOrder(ProcessSortKey key, bool descending) : IComparer<ProcessSortValue>
{
    public int Compare(ProcessSortValue a, ProcessSortValue b)
    {
        var order = descending ? Primary(b, a) : Primary(a, b);
        return order != 0 ? order : a.Process.Pid.Id.CompareTo(b.Process.Pid.Id);
    }

    private int Primary(ProcessSortValue a, ProcessSortValue b) => key switch
    {
        ProcessSortKey.Name => CompareNames(a.Text, b.Text),
        ProcessSortKey.Behavior => string.CompareOrdinal(a.Text, b.Text),
        _ => a.Number.CompareTo(b.Number),
    };

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
