using System;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Diagnostics;
using Arbor.Runtime.Tests.Support;
using Arbor.Scheduling;
using Microsoft.Extensions.Logging;

namespace Arbor.Runtime.Tests.Scheduling;

/// <summary>The watchdog sees a handler that holds its thread past the threshold, names it once, and counts it.</summary>
[Collection(SchedulingCollection.Name)]
public sealed class LongTurnTests
{
    [Fact]
    public async Task A_handler_blocked_past_the_threshold_is_reported_once_naming_process_server_and_handler()
    {
        var logs = new SignallingLogs();
        await using var node = await ArborNode.StartAsync(new ArborNodeOptions
        {
            LoggerFactory = logs,
            LongTurnThreshold = TimeSpan.FromMilliseconds(50),
        });
        using var gates = new Gates(1);
        var longTurns = new ConcurrentQueue<long>();
        using var listener = ListenTo("arbor.scheduler.long_turns", longTurns);
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Call = (s, ask) =>
            {
                gates.Block();
                s.Answer(ask, "done");
                return default;
            },
        }, new StartOptions { Name = "indexer" });

        var call = Scripted.AskAsync(server, "rebuild", Patience.Limit);
        await gates.AllEntered.Within();
        var report = await logs.FirstWarning.Within();

        Assert.Equal("Arbor.Scheduler", report.Category);
        Assert.Contains(server.ToString(), report.Message);
        Assert.Contains("Scripted", report.Message);
        Assert.Contains("call Ask", report.Message);
        var turn = TurnWatchdog.Find(server.Process!);
        Assert.NotNull(turn);
        Assert.Equal("call Ask", turn.Value.Handler);
        Assert.Equal("Scripted", turn.Value.Server);
        Assert.True(turn.Value.IsLong);
        Assert.True(turn.Value.RunningFor > TimeSpan.Zero);
        Assert.True(TurnWatchdog.LongTurnsRunning >= 1);

        gates.Open();
        Assert.Equal("done", await call.Within());
        Assert.Single(logs.Entries, entry => entry.Level == LogLevel.Warning && entry.Message.Contains(server.ToString()));
        Assert.Contains(1L, longTurns);
    }

    [Fact]
    public async Task An_idle_process_has_no_running_turn_and_quick_handlers_are_not_reported()
    {
        var logs = new SignallingLogs();
        await using var node = await ArborNode.StartAsync(new ArborNodeOptions { LoggerFactory = logs });
        var server = await Scripted.StartOkAsync(node, new Script { Call = (s, ask) => { s.Answer(ask, ask.Payload); return default; } });
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(i, await Scripted.AskAsync(server, i).Within());
        }

        Assert.Null(TurnWatchdog.Find(server.Process!));
        Assert.Empty(logs.Entries);
    }

    [Fact]
    public async Task The_threshold_can_be_turned_off_and_a_bad_one_is_rejected_before_anything_starts()
    {
        await using var quiet = await ArborNode.StartAsync(new ArborNodeOptions { LongTurnThreshold = System.Threading.Timeout.InfiniteTimeSpan });
        Assert.Equal(0, quiet.ProcessCount);

        foreach (var bad in new[] { TimeSpan.Zero, TimeSpan.FromMilliseconds(-5), TimeSpan.FromDays(100) })
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => { _ = ArborNode.StartAsync(new ArborNodeOptions { LongTurnThreshold = bad }); });
            Assert.Contains("LongTurnThreshold", error.Message);
        }

        foreach (var bad in new[] { 0, -1, 100_000 })
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => { _ = ArborNode.StartAsync(new ArborNodeOptions { DirtySchedulers = bad }); });
            Assert.Contains("DirtySchedulers", error.Message);
        }
    }

    private static MeterListener ListenTo(string instrument, ConcurrentQueue<long> measurements)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (published, l) =>
            {
                if (published.Meter.Name == ArborTelemetry.MeterName && published.Name == instrument)
                {
                    l.EnableMeasurementEvents(published);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => measurements.Enqueue(value));
        listener.Start();
        return listener;
    }

    /// <summary>Captures log entries and completes <see cref="FirstWarning"/> with the first warning.</summary>
    private sealed class SignallingLogs : ILoggerFactory
    {
        private readonly CapturingLoggerProvider _inner = new();
        private readonly TaskCompletionSource<LogEntry> _firstWarning = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<LogEntry> FirstWarning => _firstWarning.Task;

        public LogEntry[] Entries => _inner.Entries;

        public ILogger CreateLogger(string categoryName) => new Signalling(_inner.CreateLogger(categoryName), this);

        public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

        public void Dispose()
        {
        }

        private sealed class Signalling(ILogger inner, SignallingLogs owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                if (logLevel == LogLevel.Warning)
                {
                    owner._firstWarning.TrySetResult(owner.Entries.Last(entry => entry.Level == LogLevel.Warning));
                }
            }
        }
    }
}
