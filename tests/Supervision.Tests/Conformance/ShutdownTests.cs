using System;
using System.Threading.Tasks;
using Arbor;
using Arbor.Supervision.Tests.Support;

namespace Arbor.Supervision.Tests.Conformance;

/// <summary>Each shutdown mode with a child that exits promptly and with one that never does.</summary>
public sealed class ShutdownTests
{
    private static readonly Task Never = new TaskCompletionSource().Task;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Brutal_kill_kills_at_once_without_running_terminate(bool childNeverExits)
    {
        var logs = new CapturedLogs();
        await using var node = await ArborNode.StartAsync(new ArborNodeOptions { LoggerFactory = logs });
        var log = new EventLog();
        var child = log.Plan("child");
        child.TerminateGate = childNeverExits ? Never : null;
        var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, 3, TimeSpan.FromSeconds(5), child.Spec(shutdown: Shutdown.BrutalKill));
        var pid = (await log.StartedAsync("child", 1)).Pid;

        Assert.Equal(TerminateChildResult.Terminated, await supervisor.TerminateChildAsync("child").Within());
        Assert.Equal(ExitReason.Killed, await node.WhenExited(pid).Within());
        Assert.Empty(log.PendingRendered());
        Assert.Empty(logs.Named("ChildShutdownError"));
        await supervisor.StopAsync().Within();
    }

    [Fact]
    public async Task Timeout_lets_a_prompt_child_run_terminate_and_exit_with_shutdown()
    {
        var logs = new CapturedLogs();
        await using var node = await ArborNode.StartAsync(new ArborNodeOptions { LoggerFactory = logs });
        var log = new EventLog();
        var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, 3, TimeSpan.FromSeconds(5),
            log.Plan("child").Spec(shutdown: Shutdown.After(TimeSpan.FromMinutes(5))));
        var pid = (await log.StartedAsync("child", 1)).Pid;

        Assert.Equal(TerminateChildResult.Terminated, await supervisor.TerminateChildAsync("child").Within());
        Assert.Equal(ExitReason.Shutdown, await node.WhenExited(pid).Within());
        Assert.Equal(new[] { "terminating child#1 (shutdown)" }, log.PendingRendered());
        Assert.Empty(logs.Named("ChildShutdownError"));
        await supervisor.StopAsync().Within();
    }

    [Fact]
    public async Task Timeout_kills_a_child_that_does_not_exit_in_time_and_reports_it()
    {
        var logs = new CapturedLogs();
        await using var node = await ArborNode.StartAsync(new ArborNodeOptions { LoggerFactory = logs });
        var log = new EventLog();
        var child = log.Plan("child");
        child.TerminateGate = Never;
        var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, 3, TimeSpan.FromSeconds(5),
            child.Spec(shutdown: Shutdown.After(TimeSpan.FromMilliseconds(50))));
        var pid = (await log.StartedAsync("child", 1)).Pid;

        Assert.Equal(TerminateChildResult.Terminated, await supervisor.TerminateChildAsync("child").Within());
        Assert.Equal(ExitReason.Killed, await node.WhenExited(pid).Within());
        Assert.Equal(new[] { "terminating child#1 (shutdown)" }, log.PendingRendered());
        Assert.Single(logs.Named("ChildShutdownError"));
        await supervisor.StopAsync().Within();
    }

    [Fact]
    public async Task Infinity_waits_for_a_prompt_child()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, 3, TimeSpan.FromSeconds(5), log.Plan("child").Spec(shutdown: Shutdown.Infinity));
        var pid = (await log.StartedAsync("child", 1)).Pid;

        Assert.Equal(TerminateChildResult.Terminated, await supervisor.TerminateChildAsync("child").Within());
        Assert.Equal(ExitReason.Shutdown, await node.WhenExited(pid).Within());
        await supervisor.StopAsync().Within();
    }

    [Fact]
    public async Task Infinity_waits_as_long_as_the_child_takes_and_never_kills_it()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var child = log.Plan("child");
        child.TerminateGate = release.Task;
        var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, 3, TimeSpan.FromSeconds(5), child.Spec(shutdown: Shutdown.Infinity));
        var pid = (await log.StartedAsync("child", 1)).Pid;

        var terminating = supervisor.TerminateChildAsync("child").AsTask();
        await log.WaitForAsync<Terminating>();

        // The child sits in its terminate hook until released, so the supervisor cannot be done yet.
        Assert.False(terminating.IsCompleted);
        Assert.True(pid.IsAlive);
        release.SetResult();
        Assert.Equal(TerminateChildResult.Terminated, await terminating.Within());
        Assert.Equal(ExitReason.Shutdown, await node.WhenExited(pid).Within());
        await supervisor.StopAsync().Within();
    }

    [Fact]
    public async Task A_child_that_unlinked_itself_cannot_hang_its_shutdown()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var child = log.Plan("child");
        var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, 3, TimeSpan.FromSeconds(5), child.Spec(shutdown: Shutdown.Infinity));
        var pid = (await log.StartedAsync("child", 1)).Pid;
        GenServer.Cast(pid, new Do(w => w.UnlinkFromParent()));
        Assert.Equal("child#1", await GenServer.CallAsync(pid, new Ping()).Within());

        Assert.Equal(TerminateChildResult.Terminated, await supervisor.TerminateChildAsync("child").Within());
        Assert.Equal(ExitReason.Shutdown, await node.WhenExited(pid).Within());
        await supervisor.StopAsync().Within();
    }

    [Fact]
    public async Task Supervisor_children_default_to_infinity_and_workers_to_five_seconds()
    {
        var nested = Supervisor.ChildSpec("nested", new SupervisorOptions());
        Assert.Equal(ChildType.Supervisor, nested.Type);
        Assert.Equal(Shutdown.Infinity, nested.EffectiveShutdown);
        Assert.Equal(Shutdown.Infinity, DynamicSupervisor.ChildSpec("dynamic", new DynamicSupervisorOptions()).EffectiveShutdown);
        Assert.Equal(Shutdown.After(TimeSpan.FromSeconds(5)), new EventLog().Plan("w").Spec().EffectiveShutdown);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Stopping_a_supervisor_stops_nested_supervisors_depth_first_in_reverse_order()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var nested = Supervisor.ChildSpec("nested", new SupervisorOptions { Children = new[] { log.Plan("n1").Spec(), log.Plan("n2").Spec() } });
        var root = await node.StartSupervisorAsync(Strategy.OneForOne, 3, TimeSpan.FromSeconds(5), log.Plan("first").Spec(), nested, log.Plan("last").Spec());
        Assert.Equal(new[] { "started first#1", "started n1#1", "started n2#1", "started last#1" }, await log.TakeAsync(4));

        await root.StopAsync().Within();
        Assert.Equal(
            new[]
            {
                "terminating last#1 (shutdown)",
                "terminating n2#1 (shutdown)", "terminating n1#1 (shutdown)",
                "terminating first#1 (shutdown)",
            },
            await log.TakeAsync(4));
        await node.ProcessCountSettlesAsync(0);
    }

    [Fact]
    public async Task Killing_a_supervisor_takes_its_linked_children_down()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var trapping = log.Plan("trapping");
        var plain = log.Plan("plain");
        plain.TrapExit = false;
        var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, 3, TimeSpan.FromSeconds(5), trapping.Spec(), plain.Spec());
        var trappingPid = (await log.StartedAsync("trapping", 1)).Pid;
        var plainPid = (await log.StartedAsync("plain", 1)).Pid;

        node.Exit(supervisor.Pid, ExitReason.Kill);
        Assert.Equal(ExitReason.Killed, await node.WhenExited(trappingPid).Within());
        Assert.Equal(ExitReason.Killed, await node.WhenExited(plainPid).Within());
    }
}
