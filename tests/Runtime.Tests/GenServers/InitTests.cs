using System;
using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Support;

namespace Arbor.Runtime.Tests.GenServers;

public sealed class InitTests
{
    [Fact]
    public async Task Ok_starts_the_server()
    {
        await using var node = await ArborNode.StartAsync();
        var result = await Scripted.StartAsync(node, new Script());
        Assert.Equal(StartStatus.Started, result.Status);
        Assert.True(result.Pid.IsAlive);
    }

    [Fact]
    public async Task Ignore_leaves_no_process_and_frees_the_name()
    {
        await using var node = await ArborNode.StartAsync();
        var result = await Scripted.StartAsync(node, new Script { Init = _ => new(InitResult.Ignore) }, new StartOptions { Name = "n" });
        Assert.Equal(StartStatus.Ignored, result.Status);
        Assert.True(result.Pid.IsNone);
        Assert.True(node.Whereis("n").IsNone);
        Assert.Equal(0, node.ProcessCount);
    }

    [Fact]
    public async Task Stop_with_a_reason_fails_the_start_with_that_reason()
    {
        await using var node = await ArborNode.StartAsync();
        var result = await Scripted.StartAsync(node, new Script { Init = _ => new(InitResult.Stop(ExitReason.Other("no config"))) });
        Assert.Equal(StartStatus.Failed, result.Status);
        Assert.Equal(ExitReason.Other("no config"), result.Reason);
        Assert.Equal(0, node.ProcessCount);
    }

    [Fact]
    public async Task A_throwing_constructor_is_an_init_failure_carrying_the_exception()
    {
        await using var node = await ArborNode.StartAsync();
        var result = await Scripted.StartAsync(node, new Script { Constructor = _ => throw new FormatException("bad port") });
        Assert.Equal(StartStatus.Failed, result.Status);
        Assert.IsType<FormatException>(result.Reason!.Exception);
        var error = Assert.Throws<StartFailedException>(() => result.EnsureStarted("listener"));
        Assert.Contains("listener", error.Message);
        Assert.Contains("bad port", error.Message);
        Assert.IsType<FormatException>(error.InnerException);
    }

    [Fact]
    public async Task An_asynchronous_init_completes_before_the_start_returns_and_messages_wait_for_it()
    {
        await using var node = await ArborNode.StartAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ready = false;
        var starting = Scripted.StartAsync(node, new Script
        {
            Init = async _ =>
            {
                await gate.Task;
                ready = true;
                return InitResult.Ok;
            },
            Call = (s, ask) =>
            {
                s.Answer(ask, ready);
                return default;
            },
        }, new StartOptions { Name = "slow" }).AsTask();

        Assert.False(starting.IsCompleted);
        var early = Scripted.AskAsync(node.Whereis("slow"));
        gate.SetResult();

        Assert.True((await starting.Within()).IsStarted);
        Assert.Equal(true, await early.Within());
    }

    [Fact]
    public async Task An_asynchronous_init_that_throws_fails_the_start()
    {
        await using var node = await ArborNode.StartAsync();
        var result = await Scripted.StartAsync(node, new Script
        {
            Init = async _ =>
            {
                await Task.Yield();
                throw new InvalidOperationException("late failure");
            },
        });
        Assert.Equal(StartStatus.Failed, result.Status);
        Assert.Equal("late failure", result.Reason!.Exception!.Message);
    }

    [Fact]
    public async Task A_linked_start_makes_the_caller_the_parent_and_init_failure_reaches_it_as_the_start_result_only()
    {
        await using var node = await ArborNode.StartAsync();
        var parent = await ProbeHandle.StartAsync(node, trapExit: true);
        var childResult = new TaskCompletionSource<StartResult>();

        await parent.DoAsync(_ => Scripted.StartAsync(node, new Script { Constructor = _ => throw new InvalidOperationException("child init") }, new StartOptions { Link = true })
            .AsTask().ContinueWith(t => childResult.SetResult(t.Result), TaskScheduler.Default));

        var result = await childResult.Task.Within();
        Assert.Equal(StartStatus.Failed, result.Status);
        Assert.Equal("child init", result.Reason!.Exception!.Message);

        // As OTP 26's proc_lib:start_link: the failed child's exit is consumed, a trapping starter gets no Exited for it.
        await parent.AssertNoMessageAsync();
    }

    [Fact]
    public async Task A_linked_child_knows_its_parent()
    {
        await using var node = await ArborNode.StartAsync();
        var parent = await Scripted.StartOkAsync(node, new Script
        {
            Call = async (s, ask) =>
            {
                var child = await Scripted.StartOkAsync(s.MyNode, new Script
                {
                    Call = (c, a) =>
                    {
                        c.Answer(a, c.MyParent);
                        return default;
                    },
                }, new StartOptions { Link = true });
                s.Answer(ask, child);
            },
        });

        var child = (Pid)(await Scripted.AskAsync(parent))!;
        Assert.Equal(parent, await Scripted.AskAsync(child));
        Assert.True(parent.Process!.IsLinkedWith(child.Process!));
    }

    [Fact]
    public async Task Link_outside_a_process_is_rejected_before_anything_starts()
    {
        await using var node = await ArborNode.StartAsync();
        var error = Assert.Throws<InvalidOperationException>(() => Scripted.StartAsync(node, new Script(), new StartOptions { Link = true, Name = "x" }));
        Assert.Contains("not running inside a process", error.Message);
        Assert.True(node.Whereis("x").IsNone);
        Assert.Equal(0, node.ProcessCount);
    }

    [Fact]
    public async Task A_factory_that_does_not_create_a_new_server_fails_clearly()
    {
        await using var node = await ArborNode.StartAsync();
        var result = await GenServer.StartAsync(node, () => null!);
        Assert.Equal(StartStatus.Failed, result.Status);
        Assert.Contains("must create and return a new behaviour", result.Reason!.Exception!.Message);
    }
}
