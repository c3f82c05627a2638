using System;

namespace Arbor.Introspection;

/// <summary>
/// <see cref="ProcessQuery.Filter"/>: a process matches when its pid, registered name or behaviour name contains the text
/// (case-insensitive). The pid is only printed when the text could be part of one (digits, dots, angle brackets), so a
/// name filter over 100,000 processes formats no pids.
/// </summary>
internal sealed class ProcessFilter
{
    private readonly string _text;
    private readonly bool _couldBePid;

    private ProcessFilter(string text)
    {
        _text = text;
        _couldBePid = text.AsSpan().IndexOfAnyExcept("<>.0123456789") < 0;
    }

    /// <summary>The filter for <paramref name="text"/>, or null when it keeps everything.</summary>
    public static ProcessFilter? For(string? text) => string.IsNullOrEmpty(text) ? null : new ProcessFilter(text);

    public bool Matches(Process process) =>
        (process.RegisteredName?.Contains(_text, StringComparison.OrdinalIgnoreCase) ?? false) ||
        (process.Behavior?.GetType().Name.Contains(_text, StringComparison.OrdinalIgnoreCase) ?? false) ||
        (_couldBePid && process.Pid.ToString().Contains(_text, StringComparison.Ordinal));
}
