using System;
using System.Threading.Tasks;
using Arbor;
using Arbor.Supervision.Tests.Support;

namespace Arbor.Supervision.Tests.Core;

/// <summary>
/// Linked starts from async handlers. A linked start links to the calling process; after an await, an async handler
/// resumes under its process's synchronization context, so the runtime still knows which process is calling.
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

    [Fact]
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
