using System;
using System.Threading.Tasks;
using Arbor;
using Arbor.Supervision.Tests.Support;

namespace Arbor.Supervision.Tests.Conformance;

/// <summary>Who is restarted, and in what order, under each strategy (workers trap exits so every stop is visible).</summary>
public sealed class StrategyTests
{
    [Fact]
    public async Task Children_start_in_order_and_stop_in_reverse_order()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, 3, TimeSpan.FromSeconds(5),
            log.Plan("a").Spec(), log.Plan("b").Spec(), log.Plan("c").Spec());
        Assert.Equal(new[] { "started a#1", "started b#1", "started c#1" }, await log.TakeAsync(3));
        Assert.Equal(new[] { "a", "b", "c" }, (await supervisor.WhichChildrenAsync().Within()).Ids());

        await supervisor.StopAsync().Within();
        Assert.Equal(new[] { "terminating c#1 (shutdown)", "terminating b#1 (shutdown)", "terminating a#1 (shutdown)" }, await log.TakeAsync(3));
    }

    [Fact]
    public async Task One_for_one_restarts_only_the_child_that_exited()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, 3, TimeSpan.FromSeconds(5),
            log.Plan("a").Spec(), log.Plan("b").Spec(), log.Plan("c").Spec());
        await log.TakeAsync(3);
        var before = await supervisor.WhichChildrenAsync().Within();

        Worker.Crash(before.Child("b").Pid);
        Assert.Equal(new[] { "terminating b#1 (boom)", "started b#2" }, await log.TakeAsync(2));

        var after = await supervisor.SettledChildrenAsync();
        Assert.Equal(before.Child("a").Pid, after.Child("a").Pid);
        Assert.Equal(before.Child("c").Pid, after.Child("c").Pid);
        Assert.NotEqual(before.Child("b").Pid, after.Child("b").Pid);
        Assert.Empty(log.PendingRendered());
        await supervisor.StopAsync().Within();
    }

    [Fact]
    public async Task One_for_all_stops_the_others_in_reverse_order_then_restarts_all_in_start_order()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var supervisor = await node.StartSupervisorAsync(Strategy.OneForAll, 3, TimeSpan.FromSeconds(5),
            log.Plan("a").Spec(), log.Plan("b").Spec(), log.Plan("c").Spec());
        await log.TakeAsync(3);
        var before = await supervisor.WhichChildrenAsync().Within();

        Worker.Crash(before.Child("b").Pid);
        Assert.Equal(
            new[]
            {
                "terminating b#1 (boom)",
                "terminating c#1 (shutdown)", "terminating a#1 (shutdown)",
                "started a#2", "started b#2", "started c#2",
            },
            await log.TakeAsync(6));

        var after = await supervisor.SettledChildrenAsync();
        foreach (var id in new[] { "a", "b", "c" })
        {
            Assert.NotEqual(before.Child(id).Pid, after.Child(id).Pid);
            Assert.Equal(ChildState.Running, after.Child(id).State);
        }

        await supervisor.StopAsync().Within();
    }

    [Fact]
    public async Task Rest_for_one_restarts_the_child_and_those_started_after_it()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var supervisor = await node.StartSupervisorAsync(Strategy.RestForOne, 3, TimeSpan.FromSeconds(5),
            log.Plan("a").Spec(), log.Plan("b").Spec(), log.Plan("c").Spec(), log.Plan("d").Spec());
        await log.TakeAsync(4);
        var before = await supervisor.WhichChildrenAsync().Within();

        Worker.Crash(before.Child("b").Pid);
        Assert.Equal(
            new[]
            {
                "terminating b#1 (boom)",
                "terminating d#1 (shutdown)", "terminating c#1 (shutdown)",
                "started b#2", "started c#2", "started d#2",
            },
            await log.TakeAsync(6));

        var after = await supervisor.SettledChildrenAsync();
        Assert.Equal(before.Child("a").Pid, after.Child("a").Pid);
        Assert.Empty(log.PendingRendered());
        await supervisor.StopAsync().Within();
    }

    [Fact]
    public async Task Rest_for_one_on_the_last_child_restarts_only_it()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var supervisor = await node.StartSupervisorAsync(Strategy.RestForOne, 3, TimeSpan.FromSeconds(5),
            log.Plan("a").Spec(), log.Plan("b").Spec());
        await log.TakeAsync(2);
        var before = await supervisor.WhichChildrenAsync().Within();

        Worker.Crash(before.Child("b").Pid);
        Assert.Equal(new[] { "terminating b#1 (boom)", "started b#2" }, await log.TakeAsync(2));
        Assert.Equal(before.Child("a").Pid, (await supervisor.SettledChildrenAsync()).Child("a").Pid);
        await supervisor.StopAsync().Within();
    }

    [Theory]
    [InlineData(Strategy.OneForAll)]
    [InlineData(Strategy.RestForOne)]
    public async Task A_temporary_bystander_is_stopped_and_dropped_not_restarted(Strategy strategy)
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var supervisor = await node.StartSupervisorAsync(strategy, 3, TimeSpan.FromSeconds(5),
            log.Plan("a").Spec(), log.Plan("b").Spec(), log.Plan("temp").Spec(Restart.Temporary), log.Plan("transient").Spec(Restart.Transient));
        await log.TakeAsync(4);
        var before = await supervisor.WhichChildrenAsync().Within();

        Worker.Crash(before.Child("b").Pid);
        var expected = strategy == Strategy.OneForAll
            ? new[]
            {
                "terminating b#1 (boom)",
                "terminating transient#1 (shutdown)", "terminating temp#1 (shutdown)", "terminating a#1 (shutdown)",
                "started a#2", "started b#2", "started transient#2",
            }
            : new[]
            {
                "terminating b#1 (boom)",
                "terminating transient#1 (shutdown)", "terminating temp#1 (shutdown)",
                "started b#2", "started transient#2",
            };
        Assert.Equal(expected, await log.TakeAsync(expected.Length));

        var after = await supervisor.SettledChildrenAsync();
        Assert.Equal(new[] { "a", "b", "transient" }, after.Ids());
        Assert.Empty(log.PendingRendered());
        await supervisor.StopAsync().Within();
    }

    [Fact]
    public async Task A_group_restart_also_starts_a_kept_child_that_was_not_running()
    {
        // OTP restarts every non-temporary child of the group, including one that was terminated by hand.
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var supervisor = await node.StartSupervisorAsync(Strategy.OneForAll, 3, TimeSpan.FromSeconds(5),
            log.Plan("a").Spec(), log.Plan("b").Spec());
        await log.TakeAsync(2);
        Assert.Equal(TerminateChildResult.Terminated, await supervisor.TerminateChildAsync("a").Within());
        Assert.Equal(new[] { "terminating a#1 (shutdown)" }, await log.TakeAsync(1));

        Worker.Crash((await supervisor.WhichChildrenAsync().Within()).Child("b").Pid);
        Assert.Equal(new[] { "terminating b#1 (boom)", "started a#2", "started b#2" }, await log.TakeAsync(3));
        await supervisor.StopAsync().Within();
    }
}
