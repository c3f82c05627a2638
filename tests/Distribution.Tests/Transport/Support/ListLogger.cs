using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Arbor.Distribution.Tests.Transport.Support;

/// <summary>Collects log lines, so tests can assert on what the node logged (refusals, connection up/down).</summary>
internal sealed class ListLogger : ILoggerFactory, ILogger
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public bool Echo { get; init; }

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var line = $"{logLevel}: {formatter(state, exception)}";
        Lines.Enqueue(line);
        if (Echo)
        {
            System.IO.File.AppendAllText("/tmp/arbor-dist-test.log", DateTime.UtcNow.ToString("HH:mm:ss.fff") + " " + line + Environment.NewLine);
        }
    }

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }
}
