using Arbor.Testing.Tests.Support;

namespace Arbor.Testing.Tests.Nodes;

public sealed class ArborTestNodeTests
{
    [Fact]
    public async Task Supervised_children_stop_in_reverse_order_before_on_exit_callbacks()
    {
        var journal = new Journal();
        var test = await ArborTestNode.StartAsync();
        var first = await test.StartSupervisedAsync<RecorderRef>(Recorder.ChildSpec("first", journal, id: "first"));
        var second = await test.StartSupervisedAsync<RecorderRef>(Recorder.ChildSpec("second", journal, id: "second"));
        string[]? seenByCleanup = null;
        test.OnExit(() =>
        {
            seenByCleanup = journal.Entries;
            return default;
        });

        await test.DisposeAsync();

        Assert.Equal(new[] { "stop second", "stop first" }, seenByCleanup);
        Assert.False(first.Pid.IsAlive);
        Assert.False(second.Pid.IsAlive);
    }

    [Fact]
    public async Task On_exit_callbacks_run_last_registered_first()
    {
        var order = new List<int>();
        var test = await ArborTestNode.StartAsync();
        test.OnExit(() =>
        {
            order.Add(1);
            return default;
        });
        test.OnExit(() =>
        {
            order.Add(2);
            return default;
        });

        await test.DisposeAsync();

        Assert.Equal(new[] { 2, 1 }, order);
    }

    [Fact]
    public async Task A_supervised_child_is_restarted_by_its_policy()
    {
        await using var test = await ArborTestNode.StartAsync();
        var probe = await test.CreateProbeAsync();
        var notifier = await test.StartSupervisedAsync<NotifierRef>(Notifier.ChildSpec(id: "notifier"));
        await probe.MonitorAsync(notifier.Pid);

        notifier.Crash("restart me");
        await probe.ExpectDownAsync(notifier.Pid);
        var started = await test.Logs.ExpectSupervisorReportAsync(ArborLogEvents.ChildStarted, e => !e.IsAbout(notifier.Pid));

        Assert.Equal("notifier", started["ChildId"]);
    }

    [Fact]
    public async Task A_child_that_fails_to_start_fails_the_call()
    {
        await using var test = await ArborTestNode.StartAsync();

        var failure = await Assert.ThrowsAsync<ChildStartException>(() => test.StartSupervisedAsync(Broken.ChildSpec("no init today", id: "broken")));

        Assert.Contains("broken", failure.Message);
    }

    [Fact]
    public async Task StopSupervised_stops_and_forgets_a_child()
    {
        var journal = new Journal();
        await using var test = await ArborTestNode.StartAsync();
        var recorder = await test.StartSupervisedAsync<RecorderRef>(Recorder.ChildSpec("only", journal, id: "only"));

        await test.StopSupervisedAsync("only");

        Assert.False(recorder.Pid.IsAlive);
        Assert.Equal(new[] { "stop only" }, journal.Entries);
        var again = await test.StartSupervisedAsync<RecorderRef>(Recorder.ChildSpec("only", journal, id: "only"));
        Assert.Equal("only", await again.LabelAsync());
        var failure = await Assert.ThrowsAsync<ExpectationFailedException>(() => test.StopSupervisedAsync("nobody"));
        Assert.Equal("No child 'nobody' is supervised by this test node.", failure.Message);
    }

    [Fact]
    public async Task A_tracked_process_still_alive_fails_the_test_with_its_pid_and_description()
    {
        var test = await ArborTestNode.StartAsync();
        var started = await Notifier.StartAsync(test.Node);
        test.Track(started.Pid, "Notifier");

        var failure = await Assert.ThrowsAsync<LeakedProcessesException>(async () => await test.DisposeAsync());

        Assert.Equal($"1 process was still alive when the test ended:\n  1. {started.Pid} (Notifier)", failure.Message);
        Assert.Equal(new[] { started.Pid }, failure.Leaked);
        Assert.False(started.Pid.IsAlive);
    }

    [Fact]
    public async Task A_process_started_without_the_kit_is_named_with_its_pid_and_type()
    {
        var test = await ArborTestNode.StartAsync();
        var started = await Notifier.StartAsync(test.Node);

        var failure = await Assert.ThrowsAsync<LeakedProcessesException>(async () => await test.DisposeAsync());

        Assert.Equal(
            $"1 process was still alive when the test ended:\n  1. {started.Pid} (Notifier)\n" +
            "Start processes with StartSupervisedAsync, or stop them (and await their exit) before the test ends.",
            failure.Message);
        Assert.Equal(1, failure.AliveCount);
        Assert.Equal(new[] { started.Pid }, failure.Leaked);
        Assert.False(started.Pid.IsAlive);
    }

    [Fact]
    public async Task A_process_the_test_stopped_itself_is_no_leak()
    {
        var test = await ArborTestNode.StartAsync();
        var started = await Notifier.StartAsync(test.Node);
        test.Track(started.Pid, "Notifier");

        test.Node.Exit(started.Pid, ExitReason.Shutdown);
        await test.Node.WhenExited(started.Pid);

        await test.DisposeAsync();
        Assert.Equal(0, test.Node.ProcessCount);
    }

    [Fact]
    public async Task A_process_linked_to_a_supervised_child_is_waited_for_not_reported()
    {
        var test = await ArborTestNode.StartAsync();
        var server = await test.StartSupervisedAsync<WithHelperRef>(WithHelper.ChildSpec());
        var helper = await server.StartHelperAsync();

        await test.DisposeAsync();

        Assert.False(helper.IsAlive);
        Assert.Equal(0, test.Node.ProcessCount);
    }

    [Fact]
    public async Task The_leak_check_can_be_turned_off()
    {
        var test = await ArborTestNode.StartAsync(new ArborTestNodeOptions { FailOnLeakedProcesses = false });
        var started = await Notifier.StartAsync(test.Node);

        // No LeakedProcessesException: the leftover is not reported, and the node's own shutdown stops it.
        await test.DisposeAsync();

        Assert.False(started.Pid.IsAlive);
        Assert.Equal(0, test.Node.ProcessCount);
    }

    [Fact]
    public async Task A_failing_on_exit_callback_fails_dispose_after_every_step_ran()
    {
        var journal = new Journal();
        var test = await ArborTestNode.StartAsync();
        var recorder = await test.StartSupervisedAsync<RecorderRef>(Recorder.ChildSpec("r", journal));
        var ranSecond = false;
        test.OnExit(() =>
        {
            ranSecond = true;
            return default;
        });
        test.OnExit(() => throw new InvalidOperationException("cleanup failed"));

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(async () => await test.DisposeAsync());

        Assert.Equal("cleanup failed", failure.Message);
        Assert.True(ranSecond);
        Assert.False(recorder.Pid.IsAlive);
    }
}
