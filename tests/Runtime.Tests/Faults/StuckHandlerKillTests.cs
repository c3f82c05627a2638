using System;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Diagnostics;
using Arbor.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Arbor.Runtime.Tests.Faults;

/// <summary>
/// A handler stuck in synchronous code .NET cannot interrupt: <c>kill</c> still takes effect at once for everyone else
/// (name freed, links and monitors fire with <c>killed</c>, calls fail, supervisors restart), and what the stuck thread
/// does afterwards is dropped. Before the fix a kill had no effect until the handler returned, and a supervisor's
/// shutdown waited for it with no limit. Its tests read a process-wide metric, so they run one at a time.
/// </summary>
[Collection(StuckHandlers.Collection)]
public sealed class StuckHandlerKillTests
{
    [Fact]
    public async Task Kill_takes_effect_at_once_while_a_call_handler_is_stuck()
    {
        var logs = new CapturingLoggerProvider();
        await using var node = await ArborNode.StartAsync(new ArborNodeOptions { LoggerFactory = logs });
        using var gate = new ManualResetEventSlim();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bystander = await ProbeHandle.StartAsync(node);
        var watcher = await ProbeHandle.StartAsync(node, trapExit: true);
        var handlerThread = 0;
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Call = (s, ask) =>
            {
                handlerThread = Environment.CurrentManagedThreadId;
                entered.TrySetResult();
                gate.Wait(); // stuck until the test lets it go, long after the kill
                bystander.Pid.Send("sent after the kill");
                s.Monitor(bystander.Pid);
                s.Answer(ask, "late reply");
                finished.TrySetResult();
                return default;
            },
        }, new StartOptions { Name = "stuck" });
        await watcher.DoAsync(p => p.Link(server));
        await watcher.DoAsync(p => p.Monitor(server));
        using var outliving = new OutlivingHandlersGauge();

        try
        {
            var stuckCall = Scripted.AskAsync(server, "first", Timeout.InfiniteTimeSpan);
            await entered.Task.Within();
            var queuedCall = Scripted.AskAsync(server, "second", Timeout.InfiniteTimeSpan);

            var killer = Environment.CurrentManagedThreadId;
            node.Exit(server, ExitReason.Kill);
            Assert.True(outliving.Seen(killer, 1));

            Assert.Same(ExitReason.Killed, await node.WhenExited(server).Within());
            Assert.True(node.Whereis("stuck").IsNone);
            Assert.False(server.IsAlive);
            Assert.Same(ExitReason.Killed, Assert.IsType<ProcessExitedException>(await Record.ExceptionAsync(() => stuckCall.Within())).Reason);
            Assert.Same(ExitReason.Killed, Assert.IsType<ProcessExitedException>(await Record.ExceptionAsync(() => queuedCall.Within())).Reason);
            await Assert.ThrowsAsync<NoProcessException>(() => Scripted.AskAsync(server));
            var signals = new[] { await watcher.ReceiveAnyAsync(), await watcher.ReceiveAnyAsync() };
            Assert.Same(ExitReason.Killed, Assert.Single(signals.OfType<Exited>()).Reason);
            Assert.Same(ExitReason.Killed, Assert.Single(signals.OfType<Down>()).Reason);

            // The name is free for a replacement while the old thread is still stuck.
            var replacement = await Scripted.StartOkAsync(node, new Script(), new StartOptions { Name = "stuck" });
            Assert.Equal(replacement, node.Whereis("stuck"));
            Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("was killed while its handler was running"));
        }
        finally
        {
            gate.Set();
        }

        await finished.Task.Within();
        await outliving.WhenSeen(handlerThread, -1).Within();
        await bystander.AssertNoMessageAsync();
    }

    [Fact]
    public async Task Kill_during_a_stuck_constructor_fails_the_start_with_killed()
    {
        await using var node = await ArborNode.StartAsync();
        using var gate = new ManualResetEventSlim();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var outliving = new OutlivingHandlersGauge();
        var handlerThread = 0;
        try
        {
            var start = Scripted.StartAsync(node, new Script
            {
                Constructor = _ =>
                {
                    handlerThread = Environment.CurrentManagedThreadId;
                    entered.TrySetResult();
                    gate.Wait();
                },
            }, new StartOptions { Name = "slow-init" }).AsTask();
            await entered.Task.Within();

            node.Exit(node.Whereis("slow-init"), ExitReason.Kill);

            var result = await start.Within();
            Assert.False(result.IsStarted);
            Assert.Same(ExitReason.Killed, result.Reason);
            Assert.True(node.Whereis("slow-init").IsNone);
        }
        finally
        {
            gate.Set();
        }

        await outliving.WhenSeen(handlerThread, -1).Within();
        Assert.Equal(0, node.ProcessCount);
    }

    [Fact]
    public async Task A_supervisor_shutdown_finishes_within_its_timeout_when_a_child_terminate_never_returns()
    {
        await using var node = await ArborNode.StartAsync();
        using var gate = new ManualResetEventSlim();
        var terminating = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handlerThread = 0;
        var spec = new ChildSpec("stubborn", context => GenServer.StartAsync(
            context.Node,
            () => new Scripted(new Script
            {
                Constructor = s => s.TrapExit = true,
                Terminate = (_, _) =>
                {
                    handlerThread = Environment.CurrentManagedThreadId;
                    terminating.TrySetResult();
                    gate.Wait();
                    return default;
                },
            }),
            new StartOptions { Link = true }))
        {
            Shutdown = Shutdown.After(TimeSpan.FromMilliseconds(100)),
        };
        using var outliving = new OutlivingHandlersGauge();
        try
        {
            var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, maxRestarts: 3, within: TimeSpan.FromSeconds(5), spec);
            var child = Assert.Single(await supervisor.WhichChildrenAsync().AsTask().Within()).Pid;

            await supervisor.StopAsync().AsTask().Within();

            Assert.True(terminating.Task.IsCompleted);
            Assert.Same(ExitReason.Killed, await node.WhenExited(child).Within());
            Assert.False(supervisor.Pid.IsAlive);
        }
        finally
        {
            gate.Set();
        }

        await outliving.WhenSeen(handlerThread, -1).Within();
    }

    [Fact]
    public async Task A_supervisor_restarts_a_child_killed_while_its_handler_is_stuck()
    {
        await using var node = await ArborNode.StartAsync();
        var handlerThread = 0;
        using var gate = new ManualResetEventSlim();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var spec = new ChildSpec("worker", context => GenServer.StartAsync(
            context.Node,
            () => new Scripted(new Script
            {
                Cast = (_, _) =>
                {
                    handlerThread = Environment.CurrentManagedThreadId;
                    entered.TrySetResult();
                    gate.Wait();
                    return default;
                },
            }),
            new StartOptions { Link = true }));
        using var outliving = new OutlivingHandlersGauge();
        try
        {
            var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, maxRestarts: 3, within: TimeSpan.FromSeconds(30), spec);
            var first = Assert.Single(await supervisor.WhichChildrenAsync().AsTask().Within()).Pid;
            Scripted.Tell(first);
            await entered.Task.Within();

            node.Exit(first, ExitReason.Kill);
            await node.WhenExited(first).Within();

            var second = Assert.Single(await supervisor.WhichChildrenAsync().AsTask().Within()).Pid;
            Assert.NotEqual(first, second);
            Assert.True(second.IsAlive);
        }
        finally
        {
            gate.Set();
        }

        await outliving.WhenSeen(handlerThread, -1).Within();
    }

    [Fact]
    public async Task The_continuation_of_an_async_handler_after_a_kill_sends_nothing_and_changes_nothing()
    {
        await using var node = await ArborNode.StartAsync();
        var resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var bystander = await ProbeHandle.StartAsync(node);
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Cast = async (s, _) =>
            {
                entered.TrySetResult();
                await resume.Task;
                try
                {
                    bystander.Pid.Send("sent after the kill");
                    GenServer.Cast(bystander.Pid, new Tell("cast after the kill"));
                    s.Monitor(bystander.Pid);
                    s.Link(bystander.Pid);
                    finished.TrySetResult(null);
                }
                catch (Exception exception)
                {
                    finished.TrySetResult(exception);
                }
            },
        });
        Scripted.Tell(server);
        await entered.Task.Within();

        node.Exit(server, ExitReason.Kill);
        await node.WhenExited(server).Within();
        resume.SetResult();

        Assert.Null(await finished.Task.Within());
        await bystander.AssertNoMessageAsync();
        Assert.Equal(false, await bystander.QueryAsync(p => p.SelfPid.Process!.IsLinkedWith(server.Process!)));
        Assert.True(bystander.Pid.IsAlive);
    }
}

/// <summary>Test classes that leave handler threads running after a kill (they read a process-wide metric): run one at a time.</summary>
internal static class StuckHandlers
{
    public const string Collection = "Stuck handlers";
}

/// <summary>
/// Follows the <c>arbor.process.handlers_outliving_kill</c> up-down counter. The counter is process-wide and other tests
/// may move it, so measurements are matched by the thread that made them: +1 on the killer's thread, -1 on the stuck
/// handler's own thread when it comes back.
/// </summary>
internal sealed class OutlivingHandlersGauge : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly object _gate = new();
    private readonly System.Collections.Generic.List<(int Thread, long Value)> _seen = new();
    private readonly System.Collections.Generic.List<(int Thread, long Value, TaskCompletionSource Done)> _waiters = new();

    public OutlivingHandlersGauge()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ArborTelemetry.MeterName && instrument.Name == "arbor.process.handlers_outliving_kill")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) =>
        {
            var thread = Environment.CurrentManagedThreadId;
            lock (_gate)
            {
                _seen.Add((thread, value));
                foreach (var waiter in _waiters)
                {
                    if (waiter.Thread == thread && waiter.Value == value)
                    {
                        waiter.Done.TrySetResult();
                    }
                }
            }
        });
        _listener.Start();
    }

    /// <summary>True if <paramref name="thread"/> has recorded <paramref name="value"/>.</summary>
    public bool Seen(int thread, long value)
    {
        lock (_gate)
        {
            return _seen.Contains((thread, value));
        }
    }

    /// <summary>Completes once <paramref name="thread"/> has recorded <paramref name="value"/>.</summary>
    public Task WhenSeen(int thread, long value)
    {
        lock (_gate)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_seen.Contains((thread, value)))
            {
                done.TrySetResult();
            }
            else
            {
                _waiters.Add((thread, value, done));
            }

            return done.Task;
        }
    }

    public void Dispose() => _listener.Dispose();
}
