using System;
using System.IO;
using System.Threading.Tasks;
using Arbor;
using Arbor.Protocol;
using Arbor.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Arbor.Runtime.Tests.Faults;

/// <summary>A value whose <c>ToString</c> throws: what the runtime renders must survive it.</summary>
internal sealed class PoisonedText
{
    public override string ToString() => throw new FormatException("poisoned ToString");
}

/// <summary>A value whose <c>ToString</c> is very long.</summary>
internal sealed class HugeText(int length)
{
    public override string ToString() => new('x', length);
}

/// <summary>An exception whose <c>Message</c> and <c>ToString</c> throw.</summary>
internal sealed class PoisonedException : Exception
{
    public override string Message => throw new FormatException("poisoned Message");

    public override string ToString() => throw new FormatException("poisoned exception ToString");
}

/// <summary>A server whose own <c>ToString</c> (its state in crash reports) throws; a cast crashes it.</summary>
internal sealed class PoisonedServer : GenServer
{
    protected override ValueTask HandleCastAsync(CastMessage cast) => throw new InvalidOperationException("crash with poisoned state");

    public override string ToString() => throw new FormatException("poisoned server ToString");
}

/// <summary>A logger factory whose loggers throw from every write, as a provider with a full disk does.</summary>
internal sealed class ThrowingLoggerFactory(bool throwFromIsEnabled = false) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new Logger(throwFromIsEnabled);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }

    private sealed class Logger(bool throwFromIsEnabled) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => throwFromIsEnabled ? throw new IOException("log sink gone") : true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            throw new IOException("disk full");
    }
}

/// <summary>A logger factory that formats entries as a console provider does, exception text included.</summary>
internal sealed class FormattingLoggerFactory : ILoggerFactory
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

    public string[] Lines => _lines.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(_lines);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }

    private sealed class Logger(System.Collections.Concurrent.ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(formatter(state, exception) + (exception is null ? "" : Environment.NewLine + exception));
    }
}
