using System;
using System.Threading.Tasks;
using Arbor;
using Arbor.Supervision.Tests.Support;

namespace Arbor.Supervision.Tests.Conformance;

/// <summary>start_child, terminate_child, restart_child, delete_child, get_childspec, which_children, count_children with OTP's answers.</summary>
public sealed class AdminApiTests
{
    [Fact]
    public async Task Start_child_adds_a_child_last_and_answers_already_started_or_already_present_for_a_known_id()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, 3, TimeSpan.FromSeconds(5), log.Plan("first").Spec());
        var late = log.Plan("late");

        var started = await supervisor.StartChildAsync(late.Spec()).Within();
        Assert.Equal(StartChildStatus.Started, started.Status);
        Assert.Equal(started.Pid, (await log.StartedAsync("late", 1)).Pid);
        Assert.Equal(new[] { "first", "late" }, (await supervisor.WhichChildrenAsync().Within()).Ids());

        var again = await supervisor.StartChildAsync(late.Spec()).Within();
        Assert.Equal(StartChildStatus.AlreadyStarted, again.Status);
        Assert.Equal(started.Pid, again.Pid);

        await supervisor.TerminateChildAsync("late").Within();
        Assert.Equal(StartChildStatus.AlreadyPresent, (await supervisor.StartChildAsync(late.Spec()).Within()).Status);
        Assert.Equal(1, late.Starts);

        // A restart keeps a child's place in the start order: "late" still stops between "last" and "first".
        await supervisor.StartChildAsync(log.Plan("last").Spec()).Within();
        await supervisor.RestartChildAsync("late").Within();
        log.Pending();
        await supervisor.StopAsync().Within();
        Assert.Equal(new[] { "terminating last#1 (shutdown)", "terminating late#2 (shutdown)", "terminating first#1 (shutdown)" }, log.PendingRendered());
    }

    [Fact]
    public async Task Start_child_answers_failed_and_ignored_and_keeps_only_an_ignoring_permanent_child()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var supervisor = await node.StartSupervisorAsync(new SupervisorOptions());
        var failing = log.Plan("failing");
        failing.Init = _ => new ValueTask<InitResult>(InitResult.Stop(ExitReason.Other("nope")));
        var ignoring = log.Plan("ignoring");
        ignoring.Init = _ => new ValueTask<InitResult>(InitResult.Ignore);
        var ignoringTemporary = log.Plan("ignoring-temporary");
        ignoringTemporary.Init = _ => new ValueTask<InitResult>(InitResult.Ignore);

        var failed = await supervisor.StartChildAsync(failing.Spec()).Within();
        Assert.Equal(StartChildStatus.Failed, failed.Status);
        Assert.Equal(ExitReason.Other("nope"), failed.Reason);
        Assert.Equal(StartChildStatus.Ignored, (await supervisor.StartChildAsync(ignoring.Spec()).Within()).Status);
        Assert.Equal(StartChildStatus.Ignored, (await supervisor.StartChildAsync(ignoringTemporary.Spec(Restart.Temporary)).Within()).Status);

        var children = await supervisor.WhichChildrenAsync().Within();
        Assert.Equal(new[] { "ignoring" }, children.Ids());
        Assert.Equal(ChildState.NotRunning, children.Child("ignoring").State);
        Assert.Throws<ChildStartException>(() => failed.EnsureStarted("failing"));
        await supervisor.StopAsync().Within();
    }

    [Fact]
    public async Task Start_child_rejects_an_invalid_spec_with_a_specific_error()
    {
        await using var node = await ArborNode.StartAsync();
        var supervisor = await node.StartSupervisorAsync(new SupervisorOptions());
        var log = new EventLog();

        var permanentSignificant = await Assert.ThrowsAsync<InvalidChildSpecException>(() =>
            supervisor.StartChildAsync(log.Plan("p").Spec() with { Significant = true }).AsTask());
        Assert.Contains("transient or temporary", permanentSignificant.Message);

        // Only the supervisor knows it has no auto-shutdown: the rejection comes back from it, and it keeps running.
        var significant = await Assert.ThrowsAsync<InvalidChildSpecException>(() =>
            supervisor.StartChildAsync(log.Plan("s").Spec(Restart.Transient, significant: true)).AsTask().Within());
        Assert.Contains("AutoShutdown", significant.Message);
        Assert.Empty(await supervisor.WhichChildrenAsync().Within());
        await supervisor.StopAsync().Within();
    }

    [Fact]
    public async Task Terminate_child_keeps_the_spec_except_for_temporary_children_and_answers_not_found()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, 3, TimeSpan.FromSeconds(5),
            log.Plan("kept").Spec(), log.Plan("temporary").Spec(Restart.Temporary));
        await log.TakeAsync(2);

        Assert.Equal(TerminateChildResult.Terminated, await supervisor.TerminateChildAsync("kept").Within());
        Assert.Equal(TerminateChildResult.Terminated, await supervisor.TerminateChildAsync("temporary").Within());
        Assert.Equal(TerminateChildResult.NotFound, await supervisor.TerminateChildAsync("temporary").Within());
        Assert.Equal(TerminateChildResult.NotFound, await supervisor.TerminateChildAsync("nobody").Within());
        Assert.Equal(TerminateChildResult.Terminated, await supervisor.TerminateChildAsync("kept").Within());

        var children = await supervisor.SettledChildrenAsync();
        Assert.Equal(new[] { "kept" }, children.Ids());
        Assert.Equal(ChildState.NotRunning, children.Child("kept").State);

        // A terminated child is not restarted: it was stopped on purpose.
        Assert.Equal(new[] { "terminating kept#1 (shutdown)", "terminating temporary#1 (shutdown)" }, log.PendingRendered());
        await supervisor.StopAsync().Within();
    }

    [Fact]
    public async Task Restart_child_answers_running_not_found_restarted_and_failed()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var child = log.Plan("child").FailingStarts(ExitReason.Other("flaky"), 3);
        var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, 3, TimeSpan.FromSeconds(5), child.Spec());
        await log.StartedAsync("child", 1);

        Assert.Equal(RestartChildStatus.Running, (await supervisor.RestartChildAsync("child").Within()).Status);
        Assert.Equal(RestartChildStatus.NotFound, (await supervisor.RestartChildAsync("nobody").Within()).Status);

        await supervisor.TerminateChildAsync("child").Within();
        var restarted = await supervisor.RestartChildAsync("child").Within();
        Assert.Equal(RestartChildStatus.Restarted, restarted.Status);
        Assert.Equal(restarted.Pid, (await supervisor.WhichChildrenAsync().Within()).Child("child").Pid);

        await supervisor.TerminateChildAsync("child").Within();
        var failed = await supervisor.RestartChildAsync("child").Within();
        Assert.Equal(RestartChildStatus.Failed, failed.Status);
        Assert.Equal(ExitReason.Other("flaky"), failed.Reason);
        Assert.Equal(ChildState.NotRunning, (await supervisor.WhichChildrenAsync().Within()).Child("child").State);
        await supervisor.StopAsync().Within();
    }

    [Fact]
    public async Task Delete_child_answers_running_not_found_and_deleted()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, 3, TimeSpan.FromSeconds(5), log.Plan("child").Spec());

        Assert.Equal(DeleteChildResult.Running, await supervisor.DeleteChildAsync("child").Within());
        Assert.Equal(DeleteChildResult.NotFound, await supervisor.DeleteChildAsync("nobody").Within());
        await supervisor.TerminateChildAsync("child").Within();
        Assert.Equal(DeleteChildResult.Deleted, await supervisor.DeleteChildAsync("child").Within());
        Assert.Empty(await supervisor.WhichChildrenAsync().Within());
        Assert.Equal(RestartChildStatus.NotFound, (await supervisor.RestartChildAsync("child").Within()).Status);
        await supervisor.StopAsync().Within();
    }

    [Fact]
    public async Task Get_child_spec_answers_the_spec_a_child_is_restarted_from_whether_it_runs_or_not()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var worker = log.Plan("worker").Spec(Restart.Transient, Shutdown.BrutalKill);
        var nested = Supervisor.ChildSpec("nested", new SupervisorOptions());
        var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, 3, TimeSpan.FromSeconds(5), worker, nested);
        var late = log.Plan("late").Spec(Restart.Temporary);
        await supervisor.StartChildAsync(late).Within();

        var found = await supervisor.GetChildSpecAsync("worker").Within();
        Assert.Equal(GetChildSpecStatus.Found, found.Status);
        Assert.True(found.IsFound);
        Assert.Same(worker, found.Spec);
        Assert.Same(nested, (await supervisor.GetChildSpecAsync("nested").Within()).Spec);
        Assert.Same(late, (await supervisor.GetChildSpecAsync("late").Within()).Spec);

        // A terminated child keeps its spec (it can be restarted from it); a temporary one is forgotten with its process.
        await supervisor.TerminateChildAsync("worker").Within();
        await supervisor.TerminateChildAsync("late").Within();
        Assert.Same(worker, (await supervisor.GetChildSpecAsync("worker").Within()).Spec);
        var forgotten = await supervisor.GetChildSpecAsync("late").Within();
        Assert.Equal(GetChildSpecStatus.NotFound, forgotten.Status);
        Assert.Null(forgotten.Spec);
        Assert.Equal(GetChildSpecStatus.NotFound, (await supervisor.GetChildSpecAsync("nobody").Within()).Status);

        await supervisor.DeleteChildAsync("worker").Within();
        Assert.Equal(GetChildSpecStatus.NotFound, (await supervisor.GetChildSpecAsync("worker").Within()).Status);
        await supervisor.StopAsync().Within();
    }

    [Fact]
    public async Task Which_and_count_children_describe_every_child()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var nested = Supervisor.ChildSpec("nested", new SupervisorOptions { Children = new[] { log.Plan("inner").Spec() } });
        var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, 3, TimeSpan.FromSeconds(5), log.Plan("a").Spec(), nested, log.Plan("b").Spec());
        await supervisor.TerminateChildAsync("b").Within();

        var children = await supervisor.WhichChildrenAsync().Within();
        Assert.Equal(new[] { "a", "nested", "b" }, children.Ids());
        Assert.Equal(ChildType.Supervisor, children.Child("nested").Type);
        Assert.Equal(ChildType.Worker, children.Child("a").Type);
        Assert.Equal(ChildState.Running, children.Child("nested").State);
        Assert.True(children.Child("nested").Pid.IsAlive);
        Assert.Equal(new ChildInfo("b", Pid.None, ChildState.NotRunning, ChildType.Worker), children.Child("b"));

        Assert.Equal(new ChildCounts(Specs: 3, Active: 2, Supervisors: 1, Workers: 2), await supervisor.CountChildrenAsync().Within());
        await supervisor.StopAsync().Within();
    }

    [Fact]
    public async Task Calls_to_a_supervisor_that_is_gone_fail_with_no_process()
    {
        await using var node = await ArborNode.StartAsync();
        var supervisor = await node.StartSupervisorAsync(new SupervisorOptions());
        await supervisor.StopAsync().Within();
        await node.WhenExited(supervisor.Pid).Within();
        await Assert.ThrowsAnyAsync<CallException>(() => supervisor.WhichChildrenAsync().AsTask().Within());
    }
}
