using System;
using System.Threading.Tasks;
using Arbor;
using Arbor.Supervision.Tests.Support;

namespace Arbor.Supervision.Tests.Conformance;

/// <summary>auto_shutdown: a supervisor stops itself when significant children exit on their own.</summary>
public sealed class AutoShutdownTests
{
    [Fact]
    public async Task Any_significant_shuts_down_when_one_significant_child_exits()
    {
        var logs = new CapturedLogs();
        await using var node = await ArborNode.StartAsync(new ArborNodeOptions { LoggerFactory = logs });
        var log = new EventLog();
        var supervisor = await node.StartSupervisorAsync(new SupervisorOptions
        {
            AutoShutdown = AutoShutdown.AnySignificant,
            Children = new[] { log.Plan("other").Spec(), log.Plan("job").Spec(Restart.Transient, significant: true) },
        });

        Worker.Crash((await log.StartedAsync("job", 1)).Pid, ExitReason.Normal);
        Assert.Equal(ExitReason.Shutdown, await node.WhenExited(supervisor.Pid).Within());
        Assert.Equal(ExitReason.Shutdown, (await log.WaitForAsync<Terminating>(t => t.Id == "other")).Reason);
        Assert.Single(logs.Named("AutoShutdown"));
    }

    [Fact]
    public async Task All_significant_waits_for_the_last_significant_child()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var supervisor = await node.StartSupervisorAsync(new SupervisorOptions
        {
            AutoShutdown = AutoShutdown.AllSignificant,
            Children = new[]
            {
                log.Plan("first").Spec(Restart.Temporary, significant: true),
                log.Plan("second").Spec(Restart.Transient, significant: true),
                log.Plan("plain").Spec(Restart.Temporary),
            },
        });

        var children = await supervisor.WhichChildrenAsync().Within();
        Worker.Crash(children.Child("plain").Pid);
        Worker.Crash(children.Child("first").Pid);
        await node.WhenExited(children.Child("plain").Pid).Within();
        await node.WhenExited(children.Child("first").Pid).Within();
        Assert.Equal(new[] { "second" }, (await supervisor.SettledChildrenAsync()).Ids());

        Worker.Crash(children.Child("second").Pid, ExitReason.ShutdownWith("finished"));
        Assert.Equal(ExitReason.Shutdown, await node.WhenExited(supervisor.Pid).Within());
    }

    [Fact]
    public async Task A_significant_child_that_is_restarted_does_not_trigger_it()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var supervisor = await node.StartSupervisorAsync(new SupervisorOptions
        {
            AutoShutdown = AutoShutdown.AnySignificant,
            Children = new[] { log.Plan("job").Spec(Restart.Transient, significant: true) },
        });
        Worker.Crash((await log.StartedAsync("job", 1)).Pid);
        await log.StartedAsync("job", 2);
        Assert.True(supervisor.Pid.IsAlive);
        await supervisor.StopAsync().Within();
    }

    [Fact]
    public async Task Terminating_a_significant_child_through_the_supervisor_does_not_trigger_it()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var supervisor = await node.StartSupervisorAsync(new SupervisorOptions
        {
            AutoShutdown = AutoShutdown.AnySignificant,
            Children = new[] { log.Plan("job").Spec(Restart.Temporary, significant: true) },
        });
        Assert.Equal(TerminateChildResult.Terminated, await supervisor.TerminateChildAsync("job").Within());
        await supervisor.SettledChildrenAsync();
        Assert.True(supervisor.Pid.IsAlive);
        await supervisor.StopAsync().Within();
    }

    [Fact]
    public async Task An_auto_shutdown_of_a_significant_nested_supervisor_cascades_upwards()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var nested = Supervisor.ChildSpec(
            "pipeline",
            new SupervisorOptions { AutoShutdown = AutoShutdown.AnySignificant, Children = new[] { log.Plan("step").Spec(Restart.Transient, significant: true) } },
            Restart.Transient,
            significant: true);
        var root = await node.StartSupervisorAsync(new SupervisorOptions { AutoShutdown = AutoShutdown.AnySignificant, Children = new[] { nested } });

        Worker.Crash((await log.StartedAsync("step", 1)).Pid, ExitReason.Normal);
        Assert.Equal(ExitReason.Shutdown, await node.WhenExited(root.Pid).Within());
        await node.ProcessCountSettlesAsync(0);
    }
}
