using Arbor.Protocol;
using Arbor.Testing.Tests.Support;

namespace Arbor.Testing.Tests.Probes;

public sealed record Ping(int N);

public sealed class TestProbeTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task A_server_under_test_talks_to_a_probe()
    {
        await using var test = await ArborTestNode.StartAsync();
        var probe = await test.CreateProbeAsync();
        var notifier = await test.StartSupervisedAsync<NotifierRef>(Notifier.ChildSpec());

        await notifier.SubscribeAsync(probe.Pid);
        notifier.Publish("hello");

        var published = await probe.ExpectMessageAsync<Published>();
        Assert.Equal("hello", published.Text);
    }

    [Fact]
    public async Task ExpectMessage_matches_by_type_predicate_or_value()
    {
        await using var test = await ArborTestNode.StartAsync();
        var probe = await test.CreateProbeAsync();
        probe.Send(new Ping(1));
        probe.Send(new Ping(2));
        probe.Send(new Ping(3));

        Assert.Equal(1, (await probe.ExpectMessageAsync<Ping>()).N);
        Assert.Equal(2, (await probe.ExpectMessageAsync<Ping>(p => p.N == 2)).N);
        Assert.Equal(new Ping(3), await probe.ExpectMessageAsync(new Ping(3)));
        Assert.Equal(3, probe.Received.Count);
    }

    [Fact]
    public async Task ExpectMessage_names_the_message_that_came_instead()
    {
        await using var test = await ArborTestNode.StartAsync();
        var probe = await test.CreateProbeAsync();
        probe.Send(new Ping(1));
        probe.Send("surprise");

        await probe.ExpectMessageAsync<Ping>();
        var failure = await Assert.ThrowsAsync<ExpectationFailedException>(() => probe.ExpectMessageAsync<Ping>());

        Assert.Contains($"Probe {probe.Pid} expected a Ping but the next message was \"surprise\".", failure.Message);
        Assert.Contains("Received before (oldest first):\n  1. Ping { N = 1 }", failure.Message);
    }

    [Fact]
    public async Task ExpectMessage_says_when_nothing_arrived()
    {
        await using var test = await ArborTestNode.StartAsync();
        var probe = await test.CreateProbeAsync();

        var failure = await Assert.ThrowsAsync<ExpectationFailedException>(() => probe.ExpectMessageAsync(new Ping(7), Short));

        Assert.Contains("expected Ping { N = 7 } within 0.1 s but received nothing. Nothing had been received before.", failure.Message);
    }

    [Fact]
    public async Task ExpectNoMessage_sees_everything_already_sent()
    {
        await using var test = await ArborTestNode.StartAsync();
        var probe = await test.CreateProbeAsync();

        await probe.ExpectNoMessageAsync();
        probe.Send(new Ping(9));
        var failure = await Assert.ThrowsAsync<ExpectationFailedException>(probe.ExpectNoMessageAsync);

        Assert.Contains("expected no message but had received Ping { N = 9 }", failure.Message);
    }

    [Fact]
    public async Task ExpectNoMessage_for_a_duration_fails_on_a_message()
    {
        await using var test = await ArborTestNode.StartAsync();
        var probe = await test.CreateProbeAsync();

        await probe.ExpectNoMessageAsync(TimeSpan.FromMilliseconds(20));
        probe.Send(new Ping(4));
        var failure = await Assert.ThrowsAsync<ExpectationFailedException>(() => probe.ExpectNoMessageAsync(TimeSpan.FromSeconds(10)));

        Assert.Contains("expected no message for 10 s but received Ping { N = 4 }", failure.Message);
    }

    [Fact]
    public async Task FishForMessage_skips_other_messages()
    {
        await using var test = await ArborTestNode.StartAsync();
        var probe = await test.CreateProbeAsync();
        probe.Send("noise");
        probe.Send(new Ping(1));
        probe.Send(new Ping(2));

        var found = await probe.FishForMessageAsync<Ping>(p => p.N == 2);

        Assert.Equal(2, found.N);
        await probe.ExpectNoMessageAsync();
    }

    [Fact]
    public async Task FishForMessage_lists_what_it_skipped()
    {
        await using var test = await ArborTestNode.StartAsync();
        var probe = await test.CreateProbeAsync();
        probe.Send("noise");
        probe.Send(new Ping(1));

        var failure = await Assert.ThrowsAsync<ExpectationFailedException>(() => probe.FishForMessageAsync<Ping>(p => p.N == 5, Short));

        Assert.Contains("fished for a Ping matching the predicate for 0.1 s and found none. Skipped:\n  1. \"noise\"\n  2. Ping { N = 1 }", failure.Message);
    }

    [Fact]
    public async Task ExpectDown_reports_the_exit_reason_of_a_monitored_process()
    {
        await using var test = await ArborTestNode.StartAsync();
        var probe = await test.CreateProbeAsync();
        var notifier = await test.StartSupervisedAsync<NotifierRef>(Notifier.ChildSpec(restart: Restart.Temporary));
        await probe.MonitorAsync(notifier.Pid);

        notifier.Crash("boom");

        var down = await probe.ExpectDownAsync(notifier.Pid);
        Assert.Equal("boom", down.Reason.Exception?.Message);
    }

    [Fact]
    public async Task ExpectDown_names_the_message_that_came_instead()
    {
        await using var test = await ArborTestNode.StartAsync();
        var probe = await test.CreateProbeAsync();
        var other = await test.CreateProbeAsync();
        probe.Send(new Ping(1));

        var failure = await Assert.ThrowsAsync<ExpectationFailedException>(() => probe.ExpectDownAsync(other.Pid));

        Assert.Contains($"expected the Down of {other.Pid} but the next message was Ping {{ N = 1 }}", failure.Message);
    }

    [Fact]
    public async Task ExpectExit_receives_the_exit_signal_of_a_linked_process()
    {
        await using var test = await ArborTestNode.StartAsync();
        var probe = await test.CreateProbeAsync(trapExit: true);
        var notifier = await test.StartSupervisedAsync<NotifierRef>(Notifier.ChildSpec(restart: Restart.Temporary));
        await probe.LinkAsync(notifier.Pid);

        notifier.Crash("linked crash");

        var exited = await probe.ExpectExitAsync(notifier.Pid);
        Assert.Equal("linked crash", exited.Reason.Exception?.Message);
        Assert.True(probe.Pid.IsAlive);
    }

    [Fact]
    public async Task A_named_probe_stands_in_for_a_named_collaborator()
    {
        await using var test = await ArborTestNode.StartAsync();
        var probe = await test.CreateProbeAsync(name: "audit");

        test.Node.Send("audit", new Ping(5));

        await probe.ExpectMessageAsync(new Ping(5));
    }

    [Fact]
    public async Task A_probe_started_alone_is_stopped_by_dispose()
    {
        await using var test = await ArborTestNode.StartAsync();
        var probe = await TestProbe.StartAsync(test.Node);

        await probe.DisposeAsync();

        Assert.False(probe.Pid.IsAlive);
        Assert.True((await test.Node.WhenExited(probe.Pid)).IsNormal);
    }

    [Fact]
    public async Task Receive_takes_any_message_and_records_calls_and_casts_from_the_code_under_test()
    {
        await using var test = await ArborTestNode.StartAsync();
        var probe = await test.CreateProbeAsync();
        var asNotifier = NotifierRef.FromPid(probe.Pid);

        asNotifier.Publish("cast to a probe");
        probe.Send(new Ping(1));

        Assert.Contains("cast to a probe", (await probe.ReceiveAsync()).ToString());
        Assert.Equal(new Ping(1), await probe.ReceiveAsync());
    }

    [Fact]
    public async Task Demonitor_and_unlink_undo_monitor_and_link()
    {
        await using var test = await ArborTestNode.StartAsync();
        var probe = await test.CreateProbeAsync();
        var notifier = await test.StartSupervisedAsync<NotifierRef>(Notifier.ChildSpec(restart: Restart.Temporary));
        var monitor = await probe.MonitorAsync(notifier.Pid);
        await probe.LinkAsync(notifier.Pid);

        Assert.True(await probe.DemonitorAsync(monitor));
        await probe.UnlinkAsync(notifier.Pid);
        notifier.Crash("alone");
        await test.Node.WhenExited(notifier.Pid);

        await probe.ExpectNoMessageAsync();
        Assert.True(probe.Pid.IsAlive);
    }

    [Fact]
    public async Task An_expectation_on_a_dead_probe_says_the_probe_exited()
    {
        await using var test = await ArborTestNode.StartAsync();
        var probe = await test.CreateProbeAsync();
        var notifier = await test.StartSupervisedAsync<NotifierRef>(Notifier.ChildSpec(restart: Restart.Temporary));
        await probe.LinkAsync(notifier.Pid);

        notifier.Crash("takes the probe along");
        await test.Node.WhenExited(probe.Pid);

        var failure = await Assert.ThrowsAsync<ExpectationFailedException>(() => probe.ExpectMessageAsync<Ping>(timeout: Short));
        Assert.Contains("The probe itself has exited (", failure.Message);
    }

    [Fact]
    public async Task A_probe_answers_a_call_from_the_code_under_test()
    {
        await using var test = await ArborTestNode.StartAsync();
        var probe = await test.CreateProbeAsync();
        var fakeNotifier = NotifierRef.FromPid(probe.Pid);

        var pending = fakeNotifier.SubscribeAsync(probe.Pid);
        var call = await probe.ExpectMessageAsync<CallMessage<int>>();

        Assert.True(probe.Reply(call, 42));
        Assert.Equal(42, await pending);
        Assert.False(probe.Reply(call, 43));
    }
}
