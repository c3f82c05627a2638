using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;

namespace Arbor.Testing;

/// <summary>One log entry written while a test ran.</summary>
/// <param name="Category">The logger category: <c>Arbor.Process</c> for crash reports, <c>Arbor.Supervisor</c> for supervisor reports.</param>
/// <param name="Level">The level it was written at.</param>
/// <param name="EventId">The event id; Arbor's reports have names (<c>ProcessCrashed</c>, <c>ChildTerminated</c>, ...), see <see cref="ArborLogEvents"/>.</param>
/// <param name="Message">The formatted message.</param>
/// <param name="Exception">The exception logged with it, if any (a crash report carries the handler's exception).</param>
/// <param name="Properties">The structured values of the message template (<c>Pid</c>, <c>Reason</c>, <c>ChildId</c>, ...).</param>
public sealed record LogEntry(
    string Category,
    LogLevel Level,
    EventId EventId,
    string Message,
    Exception? Exception,
    IReadOnlyList<KeyValuePair<string, object?>> Properties)
{
    /// <summary>The structured value named <paramref name="name"/>, or null when the entry has none.</summary>
    public object? this[string name]
    {
        get
        {
            foreach (var property in Properties)
            {
                if (string.Equals(property.Key, name, StringComparison.Ordinal))
                {
                    return property.Value;
                }
            }

            return null;
        }
    }

    /// <summary>True when the entry is Arbor's report named <paramref name="eventName"/> (see <see cref="ArborLogEvents"/>).</summary>
    public bool Is(string eventName) => string.Equals(EventId.Name, eventName, StringComparison.Ordinal);

    /// <summary>True when the entry's <c>Pid</c> value is <paramref name="pid"/> (the crashed process, or the child a supervisor report is about).</summary>
    public bool IsAbout(Pid pid) => string.Equals(this["Pid"]?.ToString(), pid.ToString(), StringComparison.Ordinal);

    /// <inheritdoc/>
    public override string ToString() =>
        $"[{Level}] {Category}/{EventId.Name ?? EventId.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}: {Message}" +
        (Exception is null ? string.Empty : $" ({Exception.GetType().Name}: {Exception.Message})");
}
