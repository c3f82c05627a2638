using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Support;

namespace Arbor.Runtime.Tests.GenServers;

public sealed class StopAndTerminateTests
{
    [Fact]
    public async Task Stop_with_reason_and_reply_answers_after_terminate_has_run()
    {
        await using var node = await ArborNode.StartAsync();
        var events = new List<string>();
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Call = (s, ask) =>
            {
                s.Stop(ExitReason.ShutdownWith("asked"));
                s.Answer(ask, "bye");
                events.Add("handler returned");
                return default;
            },
            Terminate = (_, reason) =>
            {
                events.Add($"terminate {reason}");
                return default;
            },
        });

        Assert.Equal("bye", await Scripted.AskAsync(server).Within());
        Assert.Equal(new[] { "handler returned", "terminate {shutdown,asked}" }, events);
        Assert.Equal(ExitReason.ShutdownWith("asked"), await node.WhenExited(server).Within());
    }

    [Fact]
    public async Task Terminate_runs_on_a_crash_with_the_crash_reason()
    {
        await using var node = await ArborNode.StartAsync();
        var terminated = new TaskCompletionSource<ExitReason>();
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Cast = (_, _) => throw new InvalidOperationException("crash"),
            Terminate = (_, reason) =>
            {
                terminated.SetResult(reason);
                return default;
            },
        });

        Scripted.Tell(server);

        Assert.Equal("crash", (await terminated.Task.Within()).Exception!.Message);
        Assert.Equal(ExitKind.Crash, (await node.WhenExited(server).Within()).Kind);
    }

    [Fact]
    public async Task Terminate_runs_on_the_parents_exit_when_trapping_exits()
    {
        await using var node = await ArborNode.StartAsync();
        var terminated = new TaskCompletionSource<ExitReason>();
        var childPid = new TaskCompletionSource<Pid>();
        var parent = await Scripted.StartOkAsync(node, new Script
        {
            Cast = async (s, _) =>
            {
                childPid.SetResult(await Scripted.StartOkAsync(s.MyNode, new Script
                {
                    Init = c =>
                    {
                        c.TrapExit = true;
                        return new(InitResult.Ok);
                    },
                    Terminate = (_, reason) =>
                    {
                        terminated.SetResult(reason);
                        return default;
                    },
                }, new StartOptions { Link = true }));
            },
        });
        Scripted.Tell(parent);
        var child = await childPid.Task.Within();

        node.Exit(parent, ExitReason.Shutdown);

        Assert.Equal(ExitReason.Shutdown, await terminated.Task.Within());
        Assert.Equal(ExitReason.Shutdown, await node.WhenExited(child).Within());
    }

    [Fact]
    public async Task Terminate_does_not_run_when_killed_or_on_an_untrapped_exit_signal()
    {
        await using var node = await ArborNode.StartAsync();
        var terminations = 0;
        Script Tracked() => new()
        {
            Init = s =>
            {
                s.TrapExit = true;
                return new(InitResult.Ok);
            },
            Terminate = (_, _) =>
            {
                terminations++;
                return default;
            },
        };
        var killed = await Scripted.StartOkAsync(node, Tracked());
        var signalled = await Scripted.StartOkAsync(node, new Script { Terminate = (_, _) => { terminations++; return default; } });

        node.Exit(killed, ExitReason.Kill);
        node.Exit(signalled, ExitReason.Other("die"));

        Assert.Equal(ExitReason.Killed, await node.WhenExited(killed).Within());
        Assert.Equal(ExitReason.Other("die"), await node.WhenExited(signalled).Within());
        Assert.Equal(0, terminations);
    }

    [Fact]
    public async Task An_asynchronous_terminate_is_awaited_before_the_exit_and_a_kill_cuts_it_short()
    {
        await using var node = await ArborNode.StartAsync();
        var neverEnds = new TaskCompletionSource();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Cast = (s, _) =>
            {
                s.Stop(ExitReason.Shutdown);
                return default;
            },
            Terminate = async (_, _) =>
            {
                entered.SetResult();
                await neverEnds.Task;
            },
        });

        Scripted.Tell(server);
        await entered.Task.Within();
        Assert.True(server.IsAlive);

        node.Exit(server, ExitReason.Kill);
        Assert.Equal(ExitReason.Killed, await node.WhenExited(server).Within());
    }

    [Fact]
    public async Task A_terminate_that_throws_replaces_the_exit_reason()
    {
        await using var node = await ArborNode.StartAsync();
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Cast = (s, _) =>
            {
                s.Stop(ExitReason.Normal);
                return default;
            },
            Terminate = (_, _) => throw new InvalidOperationException("cleanup failed"),
        });

        Scripted.Tell(server);

        Assert.Equal("cleanup failed", (await node.WhenExited(server).Within()).Exception!.Message);
    }

    [Fact]
    public async Task Stop_from_a_cast_exits_with_the_reason_and_queued_messages_are_not_handled()
    {
        await using var node = await ArborNode.StartAsync();
        var handled = 0;
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Cast = (s, tell) =>
            {
                handled++;
                if (tell.Payload is "stop")
                {
                    s.Stop(ExitReason.Other("done"));
                }

                return default;
            },
        });

        Scripted.Tell(server, "stop");
        Scripted.Tell(server, "after");
        Scripted.Tell(server, "after");

        Assert.Equal(ExitReason.Other("done"), await node.WhenExited(server).Within());
        Assert.Equal(1, handled);
    }
}
