using System;
using System.Threading.Tasks;
using Arbor;
using Arbor.Supervision.Tests.Support;

namespace Arbor.Supervision.Tests.Conformance;

/// <summary>Start-up: in order; a failing child rolls back the started ones and fails the supervisor with a typed error; ignore.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task A_child_failing_to_start_stops_the_started_ones_in_reverse_and_fails_the_supervisor()
    {
        var logs = new CapturedLogs();
        await using var node = await ArborNode.StartAsync(new ArborNodeOptions { LoggerFactory = logs });
        var log = new EventLog();
        var broken = log.Plan("c");
        broken.Init = _ => new ValueTask<InitResult>(InitResult.Stop(ExitReason.Other("no database")));
        var never = log.Plan("d");

        var failure = await Assert.ThrowsAsync<SupervisorStartException>(() =>
            node.StartSupervisorAsync(Strategy.OneForOne, 3, TimeSpan.FromSeconds(5), log.Plan("a").Spec(), log.Plan("b").Spec(), broken.Spec(), never.Spec()).Within());

        Assert.Equal("c", failure.ChildId);
        Assert.Equal(ExitReason.Other("no database"), failure.ChildReason);
        Assert.Equal(StartStatus.Failed, failure.Result.Status);
        Assert.True(failure.Result.Reason!.IsShutdown);
        Assert.Contains("'c'", failure.Message);
        Assert.Contains("no database", failure.Message);
        Assert.Equal(
            new[] { "started a#1", "started b#1", "terminating b#1 (shutdown)", "terminating a#1 (shutdown)" },
            log.PendingRendered());
        Assert.Equal(0, never.Starts);
        Assert.Single(logs.Named("ChildStartFailed"));
        await node.ProcessCountSettlesAsync(0);
    }

    [Fact]
    public async Task A_start_function_that_throws_fails_the_start_with_the_exception()
    {
        await using var node = await ArborNode.StartAsync();
        var boom = new InvalidOperationException("cannot even begin");
        var spec = new ChildSpec("thrower", _ => throw boom);

        var failure = await Assert.ThrowsAsync<SupervisorStartException>(() =>
            node.StartSupervisorAsync(Strategy.OneForOne, 3, TimeSpan.FromSeconds(5), spec).Within());
        Assert.Equal("thrower", failure.ChildId);
        Assert.Same(boom, failure.ChildReason!.Exception);
        Assert.Same(boom, failure.InnerException);
    }

    [Fact]
    public async Task A_start_function_that_does_not_link_is_rejected_and_its_process_killed()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var plan = log.Plan("unlinked");
        var spec = new ChildSpec("unlinked", context => GenServer.StartAsync(context.Node, () => new Worker(plan, context.ExtraArguments)));

        var failure = await Assert.ThrowsAsync<SupervisorStartException>(() =>
            node.StartSupervisorAsync(Strategy.OneForOne, 3, TimeSpan.FromSeconds(5), spec).Within());
        Assert.Contains("StartOptions.Link", failure.ChildReason!.Exception!.Message);
        Assert.Equal(ExitReason.Killed, await node.WhenExited((await log.StartedAsync("unlinked", 1)).Pid).Within());
    }

    [Fact]
    public async Task A_start_function_may_await_before_it_starts_the_child_linked()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var plan = log.Plan("late-linker");
        var spec = new ChildSpec("late-linker", async context =>
        {
            await Task.Yield();
            return await GenServer.StartAsync(context.Node, () => new Worker(plan, context.ExtraArguments), new StartOptions { Link = true });
        });
        var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, 3, TimeSpan.FromSeconds(5), log.Plan("first").Spec(), spec);

        // Linked to the supervisor: a crash is noticed and the child restarted (by a start that awaits again).
        Worker.Crash((await log.StartedAsync("late-linker", 1)).Pid);
        await log.StartedAsync("late-linker", 2);
        await supervisor.StopAsync().Within();
    }

    [Fact]
    public async Task A_nested_start_failure_names_the_nested_supervisor_and_carries_the_inner_failure()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var broken = log.Plan("worker");
        broken.Init = _ => new ValueTask<InitResult>(InitResult.Stop(ExitReason.Other("bad config")));
        var nested = Supervisor.ChildSpec("nested", new SupervisorOptions { Children = new[] { broken.Spec() } });

        var failure = await Assert.ThrowsAsync<SupervisorStartException>(() =>
            node.StartSupervisorAsync(Strategy.OneForOne, 3, TimeSpan.FromSeconds(5), nested).Within());
        Assert.Equal("nested", failure.ChildId);
        var inner = Assert.IsType<ChildStartFailure>(failure.ChildReason!.Detail);
        Assert.Equal("worker", inner.ChildId);
        Assert.Equal(ExitReason.Other("bad config"), inner.Reason);
        await node.ProcessCountSettlesAsync(0);
    }

    [Fact]
    public async Task A_child_that_ignores_is_kept_not_running_unless_temporary()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var ignoring = log.Plan("ignoring");
        ignoring.Init = n => new ValueTask<InitResult>(n == 1 ? InitResult.Ignore : InitResult.Ok);
        var temporary = log.Plan("temporary");
        temporary.Init = _ => new ValueTask<InitResult>(InitResult.Ignore);

        var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, 3, TimeSpan.FromSeconds(5),
            ignoring.Spec(), temporary.Spec(Restart.Temporary), log.Plan("after").Spec());
        var children = await supervisor.WhichChildrenAsync().Within();
        Assert.Equal(new[] { "ignoring", "after" }, children.Ids());
        Assert.Equal(ChildState.NotRunning, children.Child("ignoring").State);

        var restarted = await supervisor.RestartChildAsync("ignoring").Within();
        Assert.Equal(RestartChildStatus.Restarted, restarted.Status);
        Assert.Equal(restarted.Pid, (await log.StartedAsync("ignoring", 2)).Pid);
        await supervisor.StopAsync().Within();
    }

    [Fact]
    public async Task A_name_is_registered_and_a_taken_name_fails_the_start()
    {
        await using var node = await ArborNode.StartAsync();
        var supervisor = await node.StartSupervisorAsync(new SupervisorOptions { Name = "root" });
        Assert.Equal(supervisor, node.Whereis<SupervisorRef>("root"));

        var failure = await Assert.ThrowsAsync<SupervisorStartException>(() => node.StartSupervisorAsync(new SupervisorOptions { Name = "root" }).Within());
        Assert.Equal(StartStatus.AlreadyStarted, failure.Result.Status);
        Assert.Equal(supervisor.Pid, failure.Result.Pid);
        Assert.Null(failure.ChildId);
        await supervisor.StopAsync().Within();
    }

    [Fact]
    public async Task A_child_whose_name_is_taken_fails_with_already_started()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var holder = await node.StartSupervisorAsync(new SupervisorOptions { Name = "taken" });
        var named = log.Plan("named");
        named.Name = "taken";

        var failure = await Assert.ThrowsAsync<SupervisorStartException>(() => node.StartSupervisorAsync(Strategy.OneForOne, 1, TimeSpan.FromSeconds(1), named.Spec()).Within());
        Assert.Equal(new AlreadyStarted(holder.Pid), failure.ChildReason!.Detail);
        await holder.StopAsync().Within();
    }

    [Fact]
    public async Task A_linked_supervisor_stops_its_children_when_its_parent_exits()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var parentPlan = log.Plan("parent");
        var linked = new TaskCompletionSource<SupervisorRef>(TaskCreationOptions.RunContinuationsAsynchronously);
        parentPlan.Init = async _ =>
        {
            // Runs inside the parent process: the supervisor links to it.
            linked.SetResult(await node.StartSupervisorLinkAsync(new SupervisorOptions { Children = new[] { log.Plan("child").Spec() } }));
            return InitResult.Ok;
        };
        var parentPid = (await GenServer.StartAsync(node, () => new Worker(parentPlan, Array.Empty<object?>()))).EnsureStarted("parent");
        var supervisor = await linked.Task.Within();
        var childPid = (await log.StartedAsync("child", 1)).Pid;

        Worker.Crash(parentPid, ExitReason.Shutdown);
        Assert.Equal(ExitReason.Shutdown, await node.WhenExited(supervisor.Pid).Within());
        Assert.Equal(ExitReason.Shutdown, await node.WhenExited(childPid).Within());
    }

    [Fact]
    public async Task A_linked_start_outside_any_process_is_refused()
    {
        await using var node = await ArborNode.StartAsync();
        Assert.Throws<InvalidOperationException>(() => { _ = node.StartSupervisorLinkAsync(new SupervisorOptions()); });
        await Task.CompletedTask;
    }

    [Fact]
    public async Task An_exit_signal_from_a_process_that_is_not_the_parent_is_ignored()
    {
        // OTP: a supervisor traps exits and only its parent can stop it with an exit signal; others use StopAsync or kill.
        await using var node = await ArborNode.StartAsync();
        var supervisor = await node.StartSupervisorAsync(new SupervisorOptions());
        node.Exit(supervisor.Pid, ExitReason.Shutdown);
        await supervisor.SettledChildrenAsync();
        Assert.True(supervisor.Pid.IsAlive);
        await supervisor.StopAsync(ExitReason.ShutdownWith("done")).Within();
        Assert.Equal(ExitReason.ShutdownWith("done"), await node.WhenExited(supervisor.Pid).Within());
    }
}
