using System;
using System.Threading.Tasks;
using Arbor;
using Arbor.Supervision.Tests.Support;

namespace Arbor.Supervision.Tests.Core;

/// <summary>
/// Linked starts from async handlers. A linked start links to the calling process, which the runtime knows only while a
/// turn runs on the thread: after an await, an async handler resumes on a pool thread where it is unknown.
/// </summary>
public sealed class AsyncHandlerCurrentProcessTests
{
    [Fact]
    public async Task A_linked_supervisor_can_be_started_before_the_handler_s_first_await()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var parent = log.Plan("parent");
        var started = new TaskCompletionSource<SupervisorRef>(TaskCreationOptions.RunContinuationsAsynchronously);
        parent.Init = async _ =>
        {
            started.SetResult(await node.StartSupervisorLinkAsync(new SupervisorOptions()));
            await Task.Yield();
            return InitResult.Ok;
        };
        var parentPid = (await GenServer.StartAsync(node, () => new Worker(parent, Array.Empty<object?>()))).EnsureStarted("parent");
        var supervisor = await started.Task.Within();

        node.Exit(parentPid, ExitReason.Kill);
        Assert.Equal(ExitReason.Killed, await node.WhenExited(supervisor.Pid).Within());
    }

    [Fact(Skip = "Core limitation reported to the runtime owner: after an await, an async handler no longer runs as its process, so a linked start fails with 'not running inside a process'.")]
    public async Task A_linked_supervisor_can_be_started_after_an_await_in_a_handler()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var parent = log.Plan("parent");
        var started = new TaskCompletionSource<SupervisorRef>(TaskCreationOptions.RunContinuationsAsynchronously);
        parent.Init = async _ =>
        {
            await Task.Yield();
            started.SetResult(await node.StartSupervisorLinkAsync(new SupervisorOptions()));
            return InitResult.Ok;
        };
        var parentPid = (await GenServer.StartAsync(node, () => new Worker(parent, Array.Empty<object?>()))).EnsureStarted("parent");
        var supervisor = await started.Task.Within();

        node.Exit(parentPid, ExitReason.Kill);
        Assert.Equal(ExitReason.Killed, await node.WhenExited(supervisor.Pid).Within());
    }
}
