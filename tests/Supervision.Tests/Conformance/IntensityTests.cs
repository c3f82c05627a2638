using System;
using System.Linq;
using System.Threading.Tasks;
using Arbor;
using Arbor.Supervision.Tests.Support;

namespace Arbor.Supervision.Tests.Conformance;

/// <summary>Restart intensity: more than MaxRestarts restarts within the period shut the supervisor down, and that escalates.</summary>
public sealed class IntensityTests
{
    [Fact]
    public async Task One_restart_too_many_stops_the_children_and_exits_the_supervisor_with_shutdown()
    {
        var logs = new CapturedLogs();
        await using var node = await ArborNode.StartAsync(new ArborNodeOptions { LoggerFactory = logs });
        var log = new EventLog();
        var crashing = log.Plan("crashing");
        var bystander = log.Plan("bystander");
        var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, 2, TimeSpan.FromMinutes(10), bystander.Spec(), crashing.Spec());

        for (var generation = 1; generation <= 3; generation++)
        {
            var current = await log.StartedAsync("crashing", generation);
            Worker.Crash(current.Pid);
        }

        Assert.Equal(ExitReason.Shutdown, await node.WhenExited(supervisor.Pid).Within());
        Assert.Equal(3, crashing.Starts);
        var stopped = await log.WaitForAsync<Terminating>(t => t.Id == "bystander");
        Assert.Equal(ExitReason.Shutdown, stopped.Reason);
        Assert.Single(logs.Named("RestartIntensityReached"));
        await node.ProcessCountSettlesAsync(0);
    }

    [Theory]
    [InlineData(Strategy.OneForAll)]
    [InlineData(Strategy.RestForOne)]
    public async Task A_group_restart_counts_once_however_many_children_it_restarts(Strategy strategy)
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var supervisor = await node.StartSupervisorAsync(strategy, 1, TimeSpan.FromMinutes(10),
            log.Plan("a").Spec(), log.Plan("b").Spec(), log.Plan("c").Spec());
        Worker.Crash((await log.StartedAsync("a", 1)).Pid);
        await log.StartedAsync("c", 2);
        Assert.True((await supervisor.SettledChildrenAsync()).All(c => c.State == ChildState.Running));

        Worker.Crash((await supervisor.WhichChildrenAsync().Within()).Child("a").Pid);
        Assert.Equal(ExitReason.Shutdown, await node.WhenExited(supervisor.Pid).Within());
    }

    [Fact]
    public async Task Zero_max_restarts_gives_up_at_the_first_restart()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, 0, TimeSpan.FromSeconds(5), log.Plan("a").Spec());
        Worker.Crash((await log.StartedAsync("a", 1)).Pid);
        Assert.Equal(ExitReason.Shutdown, await node.WhenExited(supervisor.Pid).Within());
    }

    [Fact]
    public async Task Exits_that_are_not_restarted_do_not_count()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, 0, TimeSpan.FromMinutes(1),
            log.Plan("transient").Spec(Restart.Transient), log.Plan("temporary").Spec(Restart.Temporary));
        Worker.Crash((await log.StartedAsync("transient", 1)).Pid, ExitReason.Normal);
        Worker.Crash((await log.StartedAsync("temporary", 1)).Pid);
        await node.WhenExited((await log.WaitForAsync<Terminating>(t => t.Id == "temporary")).Pid).Within();
        Assert.Equal(new[] { "transient" }, (await supervisor.SettledChildrenAsync()).Ids());
        Assert.True(supervisor.Pid.IsAlive);
        await supervisor.StopAsync().Within();
    }

    [Fact]
    public async Task Restarts_older_than_the_period_are_forgotten()
    {
        // Time itself is the subject here, so the node runs on the test kit's virtual clock: the period passes when the
        // test says so, not after a real wait.
        var time = new Arbor.Testing.VirtualTime();
        await using var node = await ArborNode.StartAsync(new ArborNodeOptions { TimeProvider = time });
        var log = new EventLog();
        var period = TimeSpan.FromMinutes(1);
        var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, 1, period, log.Plan("a").Spec());
        Worker.Crash((await log.StartedAsync("a", 1)).Pid);
        var second = await log.StartedAsync("a", 2);

        // The restart has been recorded (the second start ran): once the period has passed, it no longer counts.
        time.Advance(period + TimeSpan.FromMilliseconds(1));
        Worker.Crash(second.Pid);
        await log.StartedAsync("a", 3);
        Assert.True((await supervisor.SettledChildrenAsync()).Child("a").Pid.IsAlive);
        await supervisor.StopAsync().Within();
    }

    [Fact]
    public async Task A_nested_supervisor_that_gives_up_is_restarted_by_its_parent_with_fresh_children()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var inner = Supervisor.ChildSpec("inner", new SupervisorOptions
        {
            MaxRestarts = 1,
            Within = TimeSpan.FromMinutes(10),
            Children = new[] { log.Plan("worker").Spec() },
        });
        var root = await node.StartSupervisorAsync(Strategy.OneForOne, 5, TimeSpan.FromMinutes(10), log.Plan("sibling").Spec(), inner);
        var innerBefore = (await root.WhichChildrenAsync().Within()).Child("inner").Pid;
        var siblingBefore = (await root.WhichChildrenAsync().Within()).Child("sibling").Pid;

        Worker.Crash((await log.StartedAsync("worker", 1)).Pid);
        Worker.Crash((await log.StartedAsync("worker", 2)).Pid);

        Assert.Equal(ExitReason.Shutdown, await node.WhenExited(innerBefore).Within());
        await log.StartedAsync("worker", 3);
        var after = await root.SettledChildrenAsync();
        Assert.NotEqual(innerBefore, after.Child("inner").Pid);
        Assert.Equal(ChildState.Running, after.Child("inner").State);
        Assert.Equal(siblingBefore, after.Child("sibling").Pid);
        await root.StopAsync().Within();
    }

    [Fact]
    public async Task Escalation_climbs_every_level_when_no_supervisor_can_absorb_it()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var worker = log.Plan("worker");
        var leaf = Supervisor.ChildSpec("leaf", new SupervisorOptions { MaxRestarts = 0, Children = new[] { worker.Spec() } });
        var middle = Supervisor.ChildSpec("middle", new SupervisorOptions { MaxRestarts = 0, Children = new[] { leaf } });
        var root = await node.StartSupervisorAsync(Strategy.OneForOne, 0, TimeSpan.FromMinutes(10), middle);

        Worker.Crash((await log.StartedAsync("worker", 1)).Pid);

        // worker crash -> leaf gives up -> middle gives up -> root gives up: every level exits with shutdown.
        Assert.Equal(ExitReason.Shutdown, await node.WhenExited(root.Pid).Within());
        await node.ProcessCountSettlesAsync(0);
        Assert.Equal(1, worker.Starts);
    }
}
