using System;

namespace Arbor.Introspection;

/// <summary>
/// One page of the process table: an optional filter, a sort and a window. The defaults list the first 50 processes in
/// pid order.
/// </summary>
public sealed record ProcessQuery
{
    /// <summary>The largest page <see cref="NodeIntrospection.ListProcesses"/> returns.</summary>
    public const int MaxLimit = 1000;

    /// <summary>
    /// Keeps processes whose pid, registered name or behaviour name contains this text (case-insensitive); null or empty
    /// keeps every process.
    /// </summary>
    public string? Filter { get; init; }

    /// <summary>The sort column.</summary>
    public ProcessSortKey SortBy { get; init; } = ProcessSortKey.Pid;

    /// <summary>Largest first when true.</summary>
    public bool Descending { get; init; }

    /// <summary>Rows skipped after filtering and sorting (not negative).</summary>
    public int Offset { get; init; }

    /// <summary>Rows returned, 1 to <see cref="MaxLimit"/>.</summary>
    public int Limit { get; init; } = 50;

    internal void Validate()
    {
        if (Offset < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Offset), Offset, "ProcessQuery.Offset cannot be negative.");
        }

        if (Limit is < 1 or > MaxLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(Limit), Limit, $"ProcessQuery.Limit must be between 1 and {MaxLimit}.");
        }
    }
}
