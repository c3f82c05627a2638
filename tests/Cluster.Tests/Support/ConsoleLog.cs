using Microsoft.Extensions.Logging;

namespace Arbor.Cluster.Tests.Support;

/// <summary>Writes node logs to a file when ARBOR_CLUSTER_TEST_LOG names one (for diagnosing a failing run).</summary>
internal sealed class ConsoleLog : ILoggerFactory, ILogger
{
    private static readonly string? s_path = Environment.GetEnvironmentVariable("ARBOR_CLUSTER_TEST_LOG");
    private readonly string _node;

    private ConsoleLog(string node) => _node = node;

    public static ILoggerFactory? For(string node) => s_path is null ? null : new ConsoleLog(node);

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (s_path!)
        {
            System.IO.File.AppendAllText(s_path, $"{DateTime.UtcNow:HH:mm:ss.fff} {_node} {logLevel}: {formatter(state, exception)} {exception}{Environment.NewLine}");
        }
    }

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }
}
