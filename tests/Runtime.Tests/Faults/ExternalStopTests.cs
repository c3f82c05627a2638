using System;
using System.Threading;
using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Support;

namespace Arbor.Runtime.Tests.Faults;

/// <summary>
/// OTP's <c>gen_server:stop</c>: a stop from outside runs terminate and returns once the process is gone (dead, name
/// free); noproc and timeout are errors. Also stop-with-reply: the reply arrives after the exit, as gen_server:stop
/// returns after 'DOWN', so stop-then-start under the same name never finds the name taken.
/// </summary>
public sealed class ExternalStopTests
{
    [Fact]
    public async Task Stop_runs_terminate_and_returns_when_the_process_is_gone_and_its_name_free()
    {
        await using var node = await ArborNode.StartAsync();
        for (var round = 0; round < 200; round++)
        {
            var terminated = new TaskCompletionSource<ExitReason>(TaskCreationOptions.RunContinuationsAsynchronously);
            var server = await Scripted.StartOkAsync(node, new Script
            {
                Terminate = (_, reason) =>
                {
                    terminated.TrySetResult(reason);
                    return default;
                },
            }, new StartOptions { Name = "stoppable" });

            await GenServer.StopAsync(server, ExitReason.Shutdown).Within();

            Assert.True(terminated.Task.IsCompleted);
            Assert.Same(ExitReason.Shutdown, await terminated.Task);
            Assert.False(server.IsAlive);
            Assert.True(node.Whereis("stoppable").IsNone);
        }
    }

    [Fact]
    public async Task Stop_of_a_process_that_does_not_exist_fails_with_noproc()
    {
        await using var node = await ArborNode.StartAsync();
        var server = await Scripted.StartOkAsync(node, new Script());
        await GenServer.StopAsync(server).Within();

        await Assert.ThrowsAsync<NoProcessException>(() => GenServer.StopAsync(server));
        await Assert.ThrowsAsync<NoProcessException>(() => GenServer.StopAsync(Pid.None));
    }

    [Fact]
    public async Task Stop_fails_with_a_timeout_when_terminate_overruns()
    {
        await using var node = await ArborNode.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await Scripted.StartOkAsync(node, new Script { Terminate = async (_, _) => await release.Task });

        var error = await Assert.ThrowsAsync<CallTimeoutException>(() => GenServer.StopAsync(server, timeout: TimeSpan.FromMilliseconds(30)));

        Assert.Equal(server, error.Target);
        release.SetResult();
        Assert.Same(ExitReason.Normal, await node.WhenExited(server).Within());
    }

    [Fact]
    public async Task Stop_reports_another_exit_reason_when_terminate_crashes()
    {
        await using var node = await ArborNode.StartAsync();
        var server = await Scripted.StartOkAsync(node, new Script { Terminate = (_, _) => throw new InvalidOperationException("terminate failed") });

        var error = await Assert.ThrowsAsync<ProcessExitedException>(() => GenServer.StopAsync(server));

        Assert.IsType<InvalidOperationException>(error.Reason.Exception);
    }

    [Fact]
    public async Task A_server_cannot_stop_itself_this_way()
    {
        await using var node = await ArborNode.StartAsync();
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Call = async (s, ask) => s.Answer(ask, await Record.ExceptionAsync(() => GenServer.StopAsync(s.Me))),
        });

        Assert.IsType<CallingSelfException>(await Scripted.AskAsync(server).Within());
    }

    [Fact]
    public async Task A_stop_with_reply_answers_after_the_name_is_free()
    {
        await using var node = await ArborNode.StartAsync();
        for (var round = 0; round < 500; round++)
        {
            var server = await Scripted.StartOkAsync(node, new Script
            {
                Call = (s, ask) =>
                {
                    s.Stop(ExitReason.Normal);
                    s.Answer(ask, "bye");
                    return default;
                },
            }, new StartOptions { Name = "one-at-a-time" });

            Assert.Equal("bye", await Scripted.AskAsync(server, timeout: Timeout.InfiniteTimeSpan).Within());

            Assert.False(server.IsAlive);
            Assert.True(node.Whereis("one-at-a-time").IsNone);
        }
    }
}
