using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Arbor.Runtime.Tests.Diagnostics;

public sealed class CrashReportTests
{
    [Fact]
    public async Task A_crash_is_reported_with_process_name_last_message_and_exception()
    {
        var logs = new CapturingLoggerProvider();
        await using var node = await ArborNode.StartAsync(new ArborNodeOptions { LoggerFactory = LoggerFactory(logs) });
        var server = await Scripted.StartOkAsync(node, new Script { Cast = (_, _) => throw new InvalidOperationException("disk full") }, new StartOptions { Name = "writer" });

        Scripted.Tell(server, "save");
        await node.WhenExited(server).Within();

        var entry = Assert.Single(logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Equal("Arbor.Process", entry.Category);
        Assert.Contains(server.ToString(), entry.Message);
        Assert.Contains("writer", entry.Message);
        Assert.Contains("Tell(save)", entry.Message);
        Assert.Contains("disk full", entry.Message);
        Assert.IsType<InvalidOperationException>(entry.Exception);
    }

    [Fact]
    public async Task A_crash_during_a_call_names_the_calling_client()
    {
        var logs = new CapturingLoggerProvider();
        await using var node = await ArborNode.StartAsync(new ArborNodeOptions { LoggerFactory = LoggerFactory(logs) });
        var server = await Scripted.StartOkAsync(node, new Script { Call = (_, _) => throw new InvalidOperationException("bad request") });
        var client = await Scripted.StartOkAsync(node, new Script
        {
            Call = async (s, ask) => s.Answer(ask, await Record.ExceptionAsync(() => Scripted.AskAsync(server, "from a client"))),
        }, new StartOptions { Name = "the-client" });

        Assert.IsType<ProcessExitedException>(await Scripted.AskAsync(client).Within());

        var entry = Assert.Single(logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains($"client: {client} (the-client)", entry.Message);
    }

    [Fact]
    public async Task A_crash_during_a_call_from_outside_any_process_says_so()
    {
        var logs = new CapturingLoggerProvider();
        await using var node = await ArborNode.StartAsync(new ArborNodeOptions { LoggerFactory = LoggerFactory(logs) });
        var server = await Scripted.StartOkAsync(node, new Script { Call = (_, _) => throw new InvalidOperationException("bad request") });

        await Assert.ThrowsAsync<ProcessExitedException>(() => Scripted.AskAsync(server));

        Assert.Contains("client: not a process", Assert.Single(logs.Entries, e => e.Level == LogLevel.Error).Message);
    }

    [Fact]
    public async Task Normal_and_shutdown_exits_log_nothing()
    {
        var logs = new CapturingLoggerProvider();
        await using var node = await ArborNode.StartAsync(new ArborNodeOptions { LoggerFactory = LoggerFactory(logs) });
        foreach (var reason in new[] { ExitReason.Normal, ExitReason.Shutdown, ExitReason.ShutdownWith("bye") })
        {
            var server = await Scripted.StartOkAsync(node, new Script { Cast = (s, _) => { s.Stop(reason); return default; } });
            Scripted.Tell(server);
            await node.WhenExited(server).Within();
        }

        var killed = await Scripted.StartOkAsync(node, new Script());
        node.Exit(killed, ExitReason.Kill);
        await node.WhenExited(killed).Within();

        Assert.Empty(logs.Entries);
    }

    [Fact]
    public async Task An_init_failure_is_reported()
    {
        var logs = new CapturingLoggerProvider();
        await using var node = await ArborNode.StartAsync(new ArborNodeOptions { LoggerFactory = LoggerFactory(logs) });
        await Scripted.StartAsync(node, new Script { Constructor = _ => throw new InvalidOperationException("no config") });
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("no config"));
    }

    [Fact]
    public async Task An_unexpected_info_message_is_logged_as_a_warning_and_dropped()
    {
        var logs = new CapturingLoggerProvider();
        await using var node = await ArborNode.StartAsync(new ArborNodeOptions { LoggerFactory = LoggerFactory(logs) });
        var server = await Scripted.StartOkAsync(node, new Script { Call = (s, ask) => { s.Answer(ask, "alive"); return default; } });

        server.Send("stray");

        Assert.Equal("alive", await Scripted.AskAsync(server).Within());
        var entry = Assert.Single(logs.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains("stray", entry.Message);
    }

    [Fact]
    public async Task With_types_only_a_crash_report_names_the_message_and_state_types_but_not_their_contents()
    {
        var logs = new CapturingLoggerProvider();
        var options = new ArborNodeOptions { LoggerFactory = LoggerFactory(logs), CrashReportDetail = CrashReportDetail.TypesOnly };
        await using var node = await ArborNode.StartAsync(options);
        var server = await Scripted.StartOkAsync(node, new Script { Cast = (_, _) => throw new InvalidOperationException("disk full") });

        Scripted.Tell(server, "card 4111-1111");
        await node.WhenExited(server).Within();

        var entry = Assert.Single(logs.Entries, e => e.Level == LogLevel.Error);
        Assert.DoesNotContain("4111", entry.Message);
        Assert.Contains("last message: Tell;", entry.Message);
        Assert.Contains("state: Scripted", entry.Message);
        Assert.Contains("disk full", entry.Message); // the exception is the failure, not the data
    }

    [Fact]
    public async Task With_types_only_an_unexpected_message_is_reported_by_its_type()
    {
        var logs = new CapturingLoggerProvider();
        var options = new ArborNodeOptions { LoggerFactory = LoggerFactory(logs), CrashReportDetail = CrashReportDetail.TypesOnly };
        await using var node = await ArborNode.StartAsync(options);
        var server = await Scripted.StartOkAsync(node, new Script { Call = (s, ask) => { s.Answer(ask, "alive"); return default; } });

        server.Send(new System.Collections.Generic.KeyValuePair<string, int>("password", 42));

        Assert.Equal("alive", await Scripted.AskAsync(server).Within());
        var entry = Assert.Single(logs.Entries);
        Assert.DoesNotContain("password", entry.Message);
        Assert.Contains("KeyValuePair<String, Int32>", entry.Message);
    }

    private static ILoggerFactory LoggerFactory(CapturingLoggerProvider provider) => provider;
}

internal sealed record LogEntry(string Category, LogLevel Level, string Message, Exception? Exception);

internal sealed class CapturingLoggerProvider : ILoggerFactory
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public LogEntry[] Entries => _entries.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), exception));
    }
}
