using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;

namespace Arbor.Testing;

/// <summary>A logger that hands every entry of its category to a <see cref="LogCapture"/>.</summary>
internal sealed class CapturingLogger : ILogger
{
    private readonly LogCapture _capture;
    private readonly string _category;

    public CapturingLogger(LogCapture capture, string category)
    {
        _capture = capture;
        _category = category;
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= _capture.MinimumLevel;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var properties = new List<KeyValuePair<string, object?>>();
        if (state is IReadOnlyList<KeyValuePair<string, object?>> values)
        {
            foreach (var value in values)
            {
                if (value.Key != "{OriginalFormat}")
                {
                    properties.Add(value);
                }
            }
        }

        _capture.Add(new LogEntry(_category, logLevel, eventId, formatter(state, exception), exception, properties));
    }
}
