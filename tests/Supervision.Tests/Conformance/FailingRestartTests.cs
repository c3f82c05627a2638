using System;
using System.Threading.Tasks;
using Arbor;
using Arbor.Supervision.Tests.Support;

namespace Arbor.Supervision.Tests.Conformance;

/// <summary>A child that fails to restart is retried (each retry counts against the intensity), under every strategy.</summary>
public sealed class FailingRestartTests
{
    private static readonly ExitReason NoDatabase = ExitReason.Other("no database");

    [Fact]
    public async Task One_for_one_retries_a_failed_restart_until_it_succeeds()
    {
        var logs = new CapturedLogs();
        await using var node = await ArborNode.StartAsync(new ArborNodeOptions { LoggerFactory = logs });
        var log = new EventLog();
        var flaky = log.Plan("flaky").FailingStarts(NoDatabase, 2, 3);
        var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, 10, TimeSpan.FromMinutes(10), flaky.Spec());

        Worker.Crash((await log.StartedAsync("flaky", 1)).Pid);
        await log.StartedAsync("flaky", 4);
        Assert.Equal(ChildState.Running, (await supervisor.SettledChildrenAsync()).Child("flaky").State);
        Assert.Equal(2, logs.Named("ChildStartFailed").Count);
        await supervisor.StopAsync().Within();
    }

    [Fact]
    public async Task Every_retry_counts_so_a_child_that_never_restarts_shuts_the_supervisor_down()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var broken = log.Plan("broken").FailingStarts(NoDatabase);
        var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, 3, TimeSpan.FromMinutes(10), broken.Spec());

        Worker.Crash((await log.StartedAsync("broken", 1)).Pid);

        // The crash and two retries are restarts 1-3; the third retry would be the 4th restart: too many.
        Assert.Equal(ExitReason.Shutdown, await node.WhenExited(supervisor.Pid).Within());
        Assert.Equal(4, broken.Starts);
    }

    [Fact]
    public async Task One_for_all_restarts_the_whole_group_again_on_each_retry()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var a = log.Plan("a");
        var flaky = log.Plan("flaky").FailingStarts(NoDatabase, 2, 3);
        var c = log.Plan("c");
        var supervisor = await node.StartSupervisorAsync(Strategy.OneForAll, 10, TimeSpan.FromMinutes(10), a.Spec(), flaky.Spec(), c.Spec());
        await log.TakeAsync(3);

        Worker.Crash((await supervisor.WhichChildrenAsync().Within()).Child("flaky").Pid);
        Assert.Equal(
            new[]
            {
                "terminating flaky#1 (boom)",
                "terminating c#1 (shutdown)", "terminating a#1 (shutdown)",
                "started a#2",          // flaky#2 fails: c is left not running, a retry is queued
                "terminating a#2 (shutdown)",
                "started a#3",          // flaky#3 fails
                "terminating a#3 (shutdown)",
                "started a#4", "started flaky#4", "started c#2",
            },
            await log.TakeAsync(10));

        var children = await supervisor.SettledChildrenAsync();
        Assert.All(children, child => Assert.Equal(ChildState.Running, child.State));
        await supervisor.StopAsync().Within();
    }

    [Fact]
    public async Task Rest_for_one_retries_from_the_failed_child_and_leaves_earlier_children_alone()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var a = log.Plan("a");
        var flaky = log.Plan("flaky").FailingStarts(NoDatabase, 2, 3);
        var c = log.Plan("c");
        var supervisor = await node.StartSupervisorAsync(Strategy.RestForOne, 10, TimeSpan.FromMinutes(10), a.Spec(), flaky.Spec(), c.Spec());
        await log.TakeAsync(3);
        var aPid = (await supervisor.WhichChildrenAsync().Within()).Child("a").Pid;

        Worker.Crash((await supervisor.WhichChildrenAsync().Within()).Child("flaky").Pid);
        Assert.Equal(
            new[] { "terminating flaky#1 (boom)", "terminating c#1 (shutdown)", "started flaky#4", "started c#2" },
            await log.TakeAsync(4));

        var children = await supervisor.SettledChildrenAsync();
        Assert.Equal(aPid, children.Child("a").Pid);
        Assert.Equal(1, a.Starts);
        Assert.Equal(2, c.Starts);
        await supervisor.StopAsync().Within();
    }

    [Fact]
    public async Task While_a_retry_is_pending_the_child_shows_as_restarting()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var gate = new TaskCompletionSource<InitResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var flaky = log.Plan("flaky");
        flaky.Init = n => n switch
        {
            2 => new ValueTask<InitResult>(InitResult.Stop(NoDatabase)),
            3 => new ValueTask<InitResult>(gate.Task),
            _ => new ValueTask<InitResult>(InitResult.Ok),
        };
        var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, 10, TimeSpan.FromMinutes(10), flaky.Spec());
        Worker.Crash((await log.StartedAsync("flaky", 1)).Pid);

        // Retry #3 is blocked in init: queue admin requests behind it, then let it fail so retry #4 queues behind them.
        await log.WaitForAsync<InitBegan>(i => i.Id == "flaky" && i.Generation == 3);
        var which = supervisor.WhichChildrenAsync().AsTask();
        var restart = supervisor.RestartChildAsync("flaky").AsTask();
        var delete = supervisor.DeleteChildAsync("flaky").AsTask();
        gate.SetResult(InitResult.Stop(NoDatabase));

        Assert.Equal(ChildState.Restarting, (await which.Within()).Child("flaky").State);
        Assert.Equal(RestartChildStatus.Restarting, (await restart.Within()).Status);
        Assert.Equal(DeleteChildResult.Restarting, await delete.Within());
        await log.StartedAsync("flaky", 4);
        await supervisor.StopAsync().Within();
    }
}
