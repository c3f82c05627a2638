using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Arbor;
using Arbor.Protocol;
using Microsoft.Extensions.Logging;

namespace Arbor.FaultWorkload;

/// <summary>
/// Runs every fault scenario a few times and exits 0. Any exception the runtime lets escape onto one of its threads
/// aborts this process with a non-zero exit code; a scenario that hangs is caught by the test's timeout.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 20;
        for (var round = 0; round < rounds; round++)
        {
            await Scenarios.RunAllAsync();
        }

        Console.WriteLine($"fault workload: {rounds} rounds completed");
        return 0;
    }
}

internal static class Scenarios
{
    public static async Task RunAllAsync()
    {
        var node = await ArborNode.StartAsync(new ArborNodeOptions
        {
            LoggerFactory = new ExceptionFormattingLoggerFactory(),
            ShutdownTimeout = TimeSpan.FromMilliseconds(50),
        });
        var broken = await ArborNode.StartAsync(new ArborNodeOptions { LoggerFactory = new ThrowingLoggerFactory() });

        foreach (var target in new[] { node, broken })
        {
            // A crash whose exception's Message and ToString throw, reported to a logger that formats or throws.
            var crasher = await Faulty.StartAsync(target);
            GenServer.Cast(crasher, new Crash());
            await target.WhenExited(crasher);

            // A crash with a last message whose ToString throws, in a server whose ToString throws.
            var poisoned = await Faulty.StartAsync(target);
            GenServer.Cast(poisoned, new PoisonedCast());
            await target.WhenExited(poisoned);

            // A call timeout built on the timer thread, with an argument whose ToString throws.
            var silent = await Faulty.StartAsync(target);
            await Expect<CallTimeoutException>(GenServer.CallAsync(silent, new PoisonedCall(), TimeSpan.FromMilliseconds(10)).AsTask());

            // The server exits with that kind of call pending.
            var pending = GenServer.CallAsync(silent, new PoisonedCall(), Timeout.InfiniteTimeSpan).AsTask();
            target.Exit(silent, ExitReason.Other(new PoisonedText()));
            await Expect<ProcessExitedException>(pending);

            // A call to the dead pid.
            await Expect<NoProcessException>(GenServer.CallAsync(silent, new PoisonedCall()).AsTask());
        }

        // A handler stuck in synchronous code, killed; then disposal with calls outstanding and the stuck thread.
        using var gate = new ManualResetEventSlim();
        var stuck = await Faulty.StartAsync(node, gate);
        var stuckCall = GenServer.CallAsync(stuck, new Block(), Timeout.InfiniteTimeSpan).AsTask();
        var queued = GenServer.CallAsync(stuck, new PoisonedCall(), TimeSpan.FromMinutes(1)).AsTask();
        var remaining = await Faulty.StartAsync(node);
        var outstanding = GenServer.CallAsync(remaining, new PoisonedCall(), Timeout.InfiniteTimeSpan).AsTask();
        node.Exit(stuck, ExitReason.Kill);
        await Expect<ProcessExitedException>(stuckCall);
        await Expect<ProcessExitedException>(queued);
        await node.DisposeAsync();
        await broken.DisposeAsync();
        await Expect<ProcessExitedException>(outstanding);
        gate.Set();
    }

    private static async Task Expect<TException>(Task task)
        where TException : Exception
    {
        try
        {
            await task;
        }
        catch (TException)
        {
            return;
        }

        throw new InvalidOperationException($"expected {typeof(TException).Name}");
    }
}

internal sealed class PoisonedText
{
    public override string ToString() => throw new FormatException("poisoned ToString");
}

internal sealed class PoisonedException : Exception
{
    public override string Message => throw new FormatException("poisoned Message");

    public override string ToString() => throw new FormatException("poisoned exception ToString");
}

internal sealed class Crash : CastMessage
{
}

internal sealed class PoisonedCast : CastMessage
{
    public override string ToString() => throw new FormatException("poisoned cast ToString");
}

internal sealed class PoisonedCall : CallMessage<int>
{
    public override string ToString() => throw new FormatException("poisoned call ToString");
}

internal sealed class Block : CallMessage<int>
{
}

/// <summary>A server that never answers calls, crashes on casts, blocks on <see cref="Block"/>, and whose ToString throws.</summary>
internal sealed class Faulty : GenServer
{
    private readonly ManualResetEventSlim? _gate;

    private Faulty(ManualResetEventSlim? gate) => _gate = gate;

    public static async Task<Pid> StartAsync(ArborNode node, ManualResetEventSlim? gate = null) =>
        (await GenServer.StartAsync(node, () => new Faulty(gate))).EnsureStarted("faulty");

    protected override ValueTask HandleCallAsync(CallMessage call)
    {
        if (call is Block)
        {
            _gate!.Wait();
        }

        return default;
    }

    protected override ValueTask HandleCastAsync(CastMessage cast) =>
        cast is Crash ? throw new PoisonedException() : throw new InvalidOperationException("crash");

    public override string ToString() => throw new FormatException("poisoned server ToString");
}

internal sealed class ThrowingLoggerFactory : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new Logger();

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            throw new IOException("disk full");
    }
}

/// <summary>Formats entries as a console provider does, exception text included (which may throw).</summary>
internal sealed class ExceptionFormattingLoggerFactory : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new Logger();

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _ = formatter(state, exception) + exception;
    }
}
