using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Arbor;
using Arbor.Supervision.Tests.Support;

namespace Arbor.Supervision.Tests.Conformance;

/// <summary>Elixir DynamicSupervisor / OTP simple_one_for_one: run-time children, extra arguments, max children, parallel shutdown.</summary>
public sealed class DynamicSupervisorTests
{
    [Fact]
    public async Task Children_started_from_the_template_get_the_supervisor_arguments_then_their_own_on_every_start()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var supervisor = await node.StartDynamicSupervisorAsync(new DynamicSupervisorOptions
        {
            ChildTemplate = log.Plan("session").Spec(),
            ExtraArguments = new object?[] { "pool" },
        });

        var started = await supervisor.StartChildAsync(new object?[] { 42, null }).Within();
        var first = await log.StartedAsync("session", 1);
        Assert.Equal(started.Pid, first.Pid);
        Assert.Equal(new object?[] { "pool", 42, null }, first.Arguments);

        Worker.Crash(first.Pid);
        var second = await log.StartedAsync("session", 2);
        Assert.Equal(new object?[] { "pool", 42, null }, second.Arguments);
        Assert.Equal(second.Pid, (await supervisor.SettledChildrenAsync()).Single().Pid);
        await supervisor.StopAsync().Within();
    }

    [Fact]
    public async Task Children_can_bring_their_own_specs_and_ids_need_not_be_unique()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var supervisor = await node.StartDynamicSupervisorAsync();
        var plan = log.Plan("same");
        var one = await supervisor.StartChildAsync(plan.Spec()).Within();
        var two = await supervisor.StartChildAsync(plan.Spec()).Within();
        Assert.True(one.IsStarted && two.IsStarted);
        Assert.NotEqual(one.Pid, two.Pid);

        var children = await supervisor.WhichChildrenAsync().Within();
        Assert.Equal(new[] { one.Pid, two.Pid }, children.Select(c => c.Pid));
        Assert.Equal(new ChildCounts(2, 2, 0, 2), await supervisor.CountChildrenAsync().Within());
        await supervisor.StopAsync().Within();
    }

    [Fact]
    public async Task Max_children_refuses_a_start_until_a_child_has_gone()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var supervisor = await node.StartDynamicSupervisorAsync(new DynamicSupervisorOptions { MaxChildren = 2, ChildTemplate = log.Plan("w").Spec(Restart.Temporary) });

        var first = await supervisor.StartChildAsync(Array.Empty<object?>()).Within();
        await supervisor.StartChildAsync(Array.Empty<object?>()).Within();
        Assert.Equal(StartChildStatus.MaxChildren, (await supervisor.StartChildAsync(Array.Empty<object?>()).Within()).Status);

        Assert.Equal(TerminateChildResult.Terminated, await supervisor.TerminateChildAsync(first.Pid).Within());
        Assert.Equal(StartChildStatus.Started, (await supervisor.StartChildAsync(Array.Empty<object?>()).Within()).Status);
        Assert.Equal(StartChildStatus.MaxChildren, (await supervisor.StartChildAsync(Array.Empty<object?>()).Within()).Status);

        // A temporary child that exits by itself frees its place too.
        Worker.Crash((await supervisor.WhichChildrenAsync().Within())[0].Pid);
        await log.WaitForAsync<Terminating>(t => t.Reason.Equals(ExitReason.Other("boom")));
        await supervisor.SettledChildrenAsync();
        Assert.Equal(StartChildStatus.Started, (await supervisor.StartChildAsync(Array.Empty<object?>()).Within()).Status);
        await supervisor.StopAsync().Within();
    }

    [Fact]
    public async Task Max_children_of_zero_refuses_every_start()
    {
        await using var node = await ArborNode.StartAsync();
        var supervisor = await node.StartDynamicSupervisorAsync(new DynamicSupervisorOptions { MaxChildren = 0 });
        Assert.Equal(StartChildStatus.MaxChildren, (await supervisor.StartChildAsync(new EventLog().Plan("w").Spec()).Within()).Status);
        await supervisor.StopAsync().Within();
    }

    [Fact]
    public async Task Exits_follow_the_restart_types_and_children_that_end_are_forgotten()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var supervisor = await node.StartDynamicSupervisorAsync();
        var permanent = await supervisor.StartChildAsync(log.Plan("permanent").Spec()).Within();
        var transient = await supervisor.StartChildAsync(log.Plan("transient").Spec(Restart.Transient)).Within();
        var temporary = await supervisor.StartChildAsync(log.Plan("temporary").Spec(Restart.Temporary)).Within();

        Worker.Crash(permanent.Pid, ExitReason.Normal);
        Worker.Crash(transient.Pid, ExitReason.Normal);
        Worker.Crash(temporary.Pid);
        await log.StartedAsync("permanent", 2);
        await node.WhenExited(transient.Pid).Within();
        await node.WhenExited(temporary.Pid).Within();

        Assert.Equal(new[] { "permanent" }, (await supervisor.SettledChildrenAsync()).Ids());
        Assert.Equal(TerminateChildResult.NotFound, await supervisor.TerminateChildAsync(transient.Pid).Within());
        await supervisor.StopAsync().Within();
    }

    [Fact]
    public async Task An_ignoring_child_is_not_kept_and_a_failing_one_reports_its_reason()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var supervisor = await node.StartDynamicSupervisorAsync();
        var ignoring = log.Plan("ignoring");
        ignoring.Init = _ => new ValueTask<InitResult>(InitResult.Ignore);
        var failing = log.Plan("failing");
        failing.Init = _ => new ValueTask<InitResult>(InitResult.Stop(ExitReason.Other("full")));

        Assert.Equal(StartChildStatus.Ignored, (await supervisor.StartChildAsync(ignoring.Spec()).Within()).Status);
        var failed = await supervisor.StartChildAsync(failing.Spec()).Within();
        Assert.Equal(StartChildStatus.Failed, failed.Status);
        Assert.Equal(ExitReason.Other("full"), failed.Reason);
        Assert.Empty(await supervisor.WhichChildrenAsync().Within());
        await supervisor.StopAsync().Within();
    }

    [Fact]
    public async Task Bad_requests_get_specific_errors()
    {
        await using var node = await ArborNode.StartAsync();
        var supervisor = await node.StartDynamicSupervisorAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => supervisor.StartChildAsync(Array.Empty<object?>()).AsTask().Within());
        var significant = await Assert.ThrowsAsync<InvalidChildSpecException>(() =>
            supervisor.StartChildAsync(new EventLog().Plan("s").Spec(Restart.Temporary, significant: true)).AsTask());
        Assert.Contains("significant", significant.Message);
        Assert.Equal(TerminateChildResult.NotFound, await supervisor.TerminateChildAsync(supervisor.Pid).Within());
        Assert.True(supervisor.Pid.IsAlive);
        await supervisor.StopAsync().Within();
    }

    [Fact]
    public async Task Requests_by_id_answer_that_a_dynamic_supervisor_addresses_its_children_by_pid()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var supervisor = await node.StartDynamicSupervisorAsync(new DynamicSupervisorOptions { Name = "sessions", ChildTemplate = log.Plan("session").Spec() });
        var child = await supervisor.StartChildAsync(Array.Empty<object?>()).Within();
        await log.StartedAsync("session", 1);

        // Reached through the static client (by name or pid): even the id the child's spec carries addresses nothing,
        // and the answer says why (OTP {error, simple_one_for_one}) instead of not_found.
        var byId = node.Whereis<SupervisorRef>("sessions");
        Assert.Equal(RestartChildStatus.DynamicSupervisor, (await byId.RestartChildAsync("session").Within()).Status);
        Assert.Equal(DeleteChildResult.DynamicSupervisor, await byId.DeleteChildAsync("session").Within());
        Assert.Equal(TerminateChildResult.DynamicSupervisor, await byId.TerminateChildAsync("session").Within());
        var spec = await byId.GetChildSpecAsync("session").Within();
        Assert.Equal(GetChildSpecStatus.DynamicSupervisor, spec.Status);
        Assert.Null(spec.Spec);

        // Nothing was touched, and the supervisor still serves.
        Assert.Equal(new[] { child.Pid }, (await supervisor.WhichChildrenAsync().Within()).Select(c => c.Pid));
        Assert.Empty(log.Pending());
        await supervisor.StopAsync().Within();
    }

    [Fact]
    public async Task Get_child_spec_by_pid_answers_the_spec_the_child_was_started_from()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var template = log.Plan("session").Spec();
        var own = log.Plan("own").Spec(Restart.Transient);
        var supervisor = await node.StartDynamicSupervisorAsync(new DynamicSupervisorOptions { ChildTemplate = template });
        var fromTemplate = await supervisor.StartChildAsync(new object?[] { 42 }).Within();
        var withOwn = await supervisor.StartChildAsync(own).Within();

        var found = await supervisor.GetChildSpecAsync(fromTemplate.Pid).Within();
        Assert.True(found.IsFound);
        Assert.Same(template, found.Spec);
        Assert.Same(own, (await supervisor.GetChildSpecAsync(withOwn.Pid).Within()).Spec);

        // A restarted child is found at its new pid, with the same spec.
        Worker.Crash(fromTemplate.Pid);
        var restarted = await log.StartedAsync("session", 2);
        await supervisor.SettledChildrenAsync();
        Assert.Same(template, (await supervisor.GetChildSpecAsync(restarted.Pid).Within()).Spec);
        Assert.Equal(GetChildSpecStatus.NotFound, (await supervisor.GetChildSpecAsync(fromTemplate.Pid).Within()).Status);

        await supervisor.TerminateChildAsync(withOwn.Pid).Within();
        Assert.Equal(GetChildSpecStatus.NotFound, (await supervisor.GetChildSpecAsync(withOwn.Pid).Within()).Status);
        Assert.Equal(GetChildSpecStatus.NotFound, (await supervisor.GetChildSpecAsync(supervisor.Pid).Within()).Status);
        await supervisor.StopAsync().Within();
    }

    [Fact]
    public async Task Shutdown_signals_all_children_at_once()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var plan = log.Plan("slow");
        plan.TerminateGate = release.Task;
        var supervisor = await node.StartDynamicSupervisorAsync(new DynamicSupervisorOptions { ChildTemplate = plan.Spec(shutdown: Shutdown.Infinity) });
        var pids = new List<Pid>();
        for (var i = 0; i < 5; i++)
        {
            pids.Add((await supervisor.StartChildAsync(Array.Empty<object?>()).Within()).Pid);
        }

        var stopping = supervisor.StopAsync().AsTask();

        // Every child is in its terminate hook at the same time, each held back until released: a one-by-one shutdown
        // would never get past the first.
        var terminating = new HashSet<Pid>();
        while (terminating.Count < pids.Count)
        {
            terminating.Add((await log.WaitForAsync<Terminating>()).Pid);
        }

        Assert.Equal(pids.ToHashSet(), terminating);
        Assert.False(stopping.IsCompleted);
        release.SetResult();
        await stopping.Within();
        foreach (var pid in pids)
        {
            Assert.Equal(ExitReason.Shutdown, await node.WhenExited(pid).Within());
        }

        await node.ProcessCountSettlesAsync(0);
    }

    [Fact]
    public async Task Parallel_shutdown_still_kills_children_that_outlive_their_timeout()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var stubborn = log.Plan("stubborn");
        stubborn.TerminateGate = new TaskCompletionSource().Task;
        var supervisor = await node.StartDynamicSupervisorAsync();
        var slow = await supervisor.StartChildAsync(stubborn.Spec(shutdown: Shutdown.After(TimeSpan.FromMilliseconds(50)))).Within();
        var brutal = await supervisor.StartChildAsync(log.Plan("brutal").Spec(shutdown: Shutdown.BrutalKill)).Within();
        var prompt = await supervisor.StartChildAsync(log.Plan("prompt").Spec()).Within();

        await supervisor.StopAsync().Within();
        Assert.Equal(ExitReason.Killed, await node.WhenExited(slow.Pid).Within());
        Assert.Equal(ExitReason.Killed, await node.WhenExited(brutal.Pid).Within());
        Assert.Equal(ExitReason.Shutdown, await node.WhenExited(prompt.Pid).Within());
    }

    [Fact]
    public async Task A_dynamic_supervisor_nests_in_a_static_one()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var root = await node.StartSupervisorAsync(Strategy.OneForOne, 3, TimeSpan.FromSeconds(5),
            DynamicSupervisor.ChildSpec("sessions", new DynamicSupervisorOptions { Name = "sessions", ChildTemplate = log.Plan("session").Spec() }));
        var sessions = node.Whereis<DynamicSupervisorRef>("sessions");
        Assert.Equal((await root.WhichChildrenAsync().Within()).Child("sessions").Pid, sessions.Pid);

        var child = await sessions.StartChildAsync(Array.Empty<object?>()).Within();
        await root.StopAsync().Within();
        Assert.Equal(ExitReason.Shutdown, await node.WhenExited(child.Pid).Within());
        await node.ProcessCountSettlesAsync(0);
    }

    [Fact]
    public async Task Intensity_applies_to_dynamic_children_too()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var supervisor = await node.StartDynamicSupervisorAsync(new DynamicSupervisorOptions { MaxRestarts = 1, Within = TimeSpan.FromMinutes(10) });
        var other = await supervisor.StartChildAsync(log.Plan("other").Spec()).Within();
        await supervisor.StartChildAsync(log.Plan("crashing").Spec()).Within();
        Worker.Crash((await log.StartedAsync("crashing", 1)).Pid);
        Worker.Crash((await log.StartedAsync("crashing", 2)).Pid);
        Assert.Equal(ExitReason.Shutdown, await node.WhenExited(supervisor.Pid).Within());
        Assert.Equal(ExitReason.Shutdown, await node.WhenExited(other.Pid).Within());
    }
}
