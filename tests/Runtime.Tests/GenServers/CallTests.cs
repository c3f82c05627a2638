using System;
using System.Threading;
using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Support;

namespace Arbor.Runtime.Tests.GenServers;

public sealed class CallTests
{
    [Fact]
    public async Task A_call_that_is_not_answered_in_time_fails_with_CallTimeoutException_and_the_late_reply_is_dropped()
    {
        await using var node = await ArborNode.StartAsync();
        var held = new TaskCompletionSource<ReplyTo<object?>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Call = (_, ask) =>
            {
                held.SetResult(Scripted.Defer(ask));
                return default;
            },
        });

        var error = await Assert.ThrowsAsync<CallTimeoutException>(() => Scripted.AskAsync(server, timeout: TimeSpan.FromMilliseconds(50)).Within());
        Assert.Equal(server, error.Target);
        Assert.Equal(TimeSpan.FromMilliseconds(50), error.Timeout);

        var reply = await held.Task.Within();
        Assert.True(reply.IsCompleted);
        Assert.False(reply.Reply("too late"));
    }

    [Fact]
    public async Task Every_one_of_thousands_of_outstanding_calls_from_one_thread_times_out()
    {
        // More calls than a thread's timeout ring holds: the oldest move to the timer heap when their slot is reused.
        await using var node = await ArborNode.StartAsync();
        var server = await Scripted.StartOkAsync(node, new Script { Call = (_, _) => default }); // never answers
        var timeout = TimeSpan.FromMilliseconds(100);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var calls = await Task.Run(() =>
        {
            var started = new Task<object?>[3000];
            for (var i = 0; i < started.Length; i++)
            {
                started[i] = Scripted.AskAsync(server, i, timeout);
            }

            return started;
        });

        await Assert.ThrowsAsync<CallTimeoutException>(() => calls[0].Within());
        Assert.True(clock.Elapsed >= timeout, $"timed out early, after {clock.Elapsed}");
        foreach (var call in calls)
        {
            var error = await Assert.ThrowsAsync<CallTimeoutException>(() => call.Within());
            Assert.Equal(server, error.Target);
            Assert.Equal(timeout, error.Timeout);
        }
    }

    [Fact]
    public async Task Calling_a_pid_that_never_existed_or_has_exited_fails_with_noproc()
    {
        await using var node = await ArborNode.StartAsync();
        await Assert.ThrowsAsync<NoProcessException>(() => Scripted.AskAsync(Pid.None));

        var server = await Scripted.StartOkAsync(node, new Script());
        node.Exit(server, ExitReason.Kill);
        await node.WhenExited(server).Within();
        var error = await Assert.ThrowsAsync<NoProcessException>(() => Scripted.AskAsync(server));
        Assert.Equal(server, error.Target);
    }

    [Fact]
    public async Task A_target_that_crashes_while_handling_the_call_fails_it_with_the_exit_reason()
    {
        await using var node = await ArborNode.StartAsync();
        var server = await Scripted.StartOkAsync(node, new Script { Call = (_, _) => throw new InvalidOperationException("kaboom") });

        var error = await Assert.ThrowsAsync<ProcessExitedException>(() => Scripted.AskAsync(server).Within());
        Assert.Equal(ExitKind.Crash, error.Reason.Kind);
        Assert.Equal("kaboom", error.Reason.Exception!.Message);
        Assert.Same(error.Reason.Exception, error.InnerException);
    }

    [Fact]
    public async Task Calls_queued_behind_a_crash_fail_with_the_exit_reason()
    {
        await using var node = await ArborNode.StartAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Cast = async (_, _) =>
            {
                await gate.Task;
                throw new InvalidOperationException("crashed while busy");
            },
            Call = (s, ask) =>
            {
                s.Answer(ask, "never");
                return default;
            },
        });
        Scripted.Tell(server);
        var queued = Scripted.AskAsync(server);

        gate.SetResult();

        var error = await Assert.ThrowsAsync<ProcessExitedException>(() => queued.Within());
        Assert.Equal("crashed while busy", error.Reason.Exception!.Message);
    }

    [Fact]
    public async Task A_process_calling_itself_fails_at_once_instead_of_deadlocking()
    {
        await using var node = await ArborNode.StartAsync();
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Call = async (s, ask) =>
            {
                if (ask.Payload is "outer")
                {
                    try
                    {
                        await Scripted.AskAsync(s.Me, "inner");
                        s.Answer(ask, "no error");
                    }
                    catch (CallingSelfException error)
                    {
                        s.Answer(ask, error.Target);
                    }
                }
            },
        });

        Assert.Equal(server, await Scripted.AskAsync(server, "outer").Within());
    }

    [Fact]
    public async Task A_deferred_reply_can_come_later_from_another_process()
    {
        await using var node = await ArborNode.StartAsync();
        var helper = await Scripted.StartOkAsync(node, new Script
        {
            Cast = (_, tell) =>
            {
                var (reply, value) = ((ReplyTo<object?>, string))tell.Payload!;
                Assert.True(reply.Reply(value));
                return default;
            },
        });
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Call = (_, ask) =>
            {
                Scripted.Tell(helper, (Scripted.Defer(ask), "from helper"));
                return default;
            },
        });

        Assert.Equal("from helper", await Scripted.AskAsync(server).Within());
    }

    [Fact]
    public async Task A_server_that_exits_while_holding_a_deferred_call_fails_that_call()
    {
        await using var node = await ArborNode.StartAsync();
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Call = (_, ask) =>
            {
                Scripted.Defer(ask);
                return default;
            },
            Cast = (s, _) =>
            {
                s.Stop(ExitReason.Shutdown);
                return default;
            },
        });

        var pending = Scripted.AskAsync(server, timeout: Timeout.InfiniteTimeSpan);
        Scripted.Tell(server);

        var error = await Assert.ThrowsAsync<ProcessExitedException>(() => pending.Within());
        Assert.Equal(ExitReason.Shutdown, error.Reason);
    }

    [Fact]
    public async Task A_cancelled_call_fails_with_OperationCanceledException()
    {
        await using var node = await ArborNode.StartAsync();
        var server = await Scripted.StartOkAsync(node, new Script { Call = (_, ask) => { Scripted.Defer(ask); return default; } });
        using var cancellation = new CancellationTokenSource();

        var pending = Scripted.AskAsync(server, cancellationToken: cancellation.Token);
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.Within());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Scripted.AskAsync(server, cancellationToken: cancellation.Token));
    }

    [Fact]
    public async Task Async_call_handlers_reply_when_they_complete()
    {
        await using var node = await ArborNode.StartAsync();
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Call = async (s, ask) =>
            {
                await Task.Yield();
                s.Answer(ask, (int)ask.Payload! * 2);
            },
        });

        var results = await Task.WhenAll(Scripted.AskAsync(server, 1), Scripted.AskAsync(server, 2), Scripted.AskAsync(server, 3)).Within();
        Assert.Equal(new object?[] { 2, 4, 6 }, results);
    }

    [Fact]
    public async Task An_invalid_timeout_is_rejected()
    {
        await using var node = await ArborNode.StartAsync();
        var server = await Scripted.StartOkAsync(node, new Script());
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = Scripted.AskAsync(server, timeout: TimeSpan.Zero); });
    }

    [Fact]
    public async Task An_unexpected_call_crashes_the_server_with_a_clear_reason()
    {
        await using var node = await ArborNode.StartAsync();
        var server = await GenServer.StartAsync(node, () => new CounterServer(0));
        var error = await Assert.ThrowsAsync<ProcessExitedException>(() => Scripted.AskAsync(server.Pid).Within());
        var unexpected = Assert.IsType<UnexpectedMessageException>(error.Reason.Exception);
        Assert.Equal("call", unexpected.Kind);
        Assert.Equal(typeof(Ask), unexpected.MessageType);
    }

    [Fact]
    public void The_default_call_timeout_is_five_seconds() => Assert.Equal(TimeSpan.FromSeconds(5), GenServer.DefaultCallTimeout);
}
