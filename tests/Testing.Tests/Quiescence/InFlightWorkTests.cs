namespace Arbor.Testing.Tests.Quiescence;

/// <summary>
/// The runtime's exact count of in-flight work, through the public introspection API a third-party kit would use: once
/// <c>WhenQuiescentAsync</c> returns, everything the node was handed has been handled — including the hand-offs that run
/// outside any process turn (a call's reply, a start's result, a dirty handler) — with no grace period and no polling.
/// Each test repeats its scenario, so a hand-off missed even now and then fails it.
/// </summary>
public sealed class InFlightWorkTests
{
    private const int Rounds = 100;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static ValueTask<ArborNode> StartTrackingAsync() => ArborNode.StartAsync(new ArborNodeOptions { TrackInFlightWork = true });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Quiescent_means_the_continuation_after_a_reply_has_run(bool offContext)
    {
        await using var node = await StartTrackingAsync();
        var tally = new Tally();
        var echo = await Echo.StartAsync(node);
        var relay = await Relay.StartAsync(node, echo, tally);

        for (var round = 1; round <= Rounds; round++)
        {
            if (offContext)
            {
                relay.AskEchoOffContext(round);
            }
            else
            {
                relay.AskEcho(round);
            }

            await node.Introspection.WhenQuiescentAsync(Bound);
            Assert.Equal(round, tally.Count);
        }
    }

    [Fact]
    public async Task Quiescent_means_a_started_process_and_its_starter_have_both_moved_on()
    {
        await using var node = await StartTrackingAsync();
        var tally = new Tally();
        var relay = await Relay.StartAsync(node, default(EchoRef), tally);

        for (var round = 1; round <= Rounds / 4; round++)
        {
            relay.StartAndStop();
            await node.Introspection.WhenQuiescentAsync(Bound);
            Assert.Equal(round, tally.Count);
            Assert.Equal(1, node.ProcessCount);
        }
    }

    [Fact]
    public async Task Quiescent_means_a_dirty_handler_has_run()
    {
        await using var node = await StartTrackingAsync();
        var tally = new Tally();
        var grinder = await Grinder.StartAsync(node, tally);

        for (var round = 1; round <= Rounds; round++)
        {
            grinder.Grind();
            await node.Introspection.WhenQuiescentAsync(Bound);
            Assert.Equal(round, tally.Count);
            Assert.Equal(default, node.Introspection.InFlightWork());
        }
    }

    [Fact]
    public async Task Quiescent_means_a_message_queued_behind_an_async_handler_has_been_handled()
    {
        // The cast waits behind the handler of the round before until the process has resumed from that handler's
        // completion; that resumption must count, or the node reads quiescent with the cast unhandled.
        await using var node = await StartTrackingAsync();
        var tally = new Tally();
        var echo = await Echo.StartAsync(node);
        var relay = await Relay.StartAsync(node, echo, tally);

        for (var round = 1; round <= Rounds; round++)
        {
            relay.AskEcho(round);
            await node.Introspection.WhenQuiescentAsync(Bound);
            relay.AskEcho(round);
            await node.Introspection.WhenQuiescentAsync(Bound);
            Assert.Equal(2 * round, tally.Count);
        }
    }

    [Fact]
    public async Task Quiescent_means_an_async_dirty_handler_and_the_message_behind_it_have_run()
    {
        await using var node = await StartTrackingAsync();
        var tally = new Tally();
        var echo = await Echo.StartAsync(node);
        var grinder = await AsyncGrinder.StartAsync(node, echo, tally);

        for (var round = 1; round <= Rounds; round++)
        {
            grinder.GrindAfterEcho(round);
            await node.Introspection.WhenQuiescentAsync(Bound);
            Assert.Equal(2 * round - 1, tally.Count);
            grinder.Count();
            await node.Introspection.WhenQuiescentAsync(Bound);
            Assert.Equal(2 * round, tally.Count);
            Assert.Equal(default, node.Introspection.InFlightWork());
        }
    }

    [Fact]
    public async Task Quiescent_means_an_exit_signal_has_been_handled_by_the_linked_process()
    {
        await using var node = await StartTrackingAsync();
        var tally = new Tally();
        var watcher = await ExitWatcher.StartAsync(node, tally);

        for (var round = 1; round <= Rounds / 4; round++)
        {
            var echo = await Echo.StartAsync(node);
            Assert.True(await watcher.LinkToAsync(echo.Pid));
            node.Exit(echo.Pid, ExitReason.Kill);
            await node.Introspection.WhenQuiescentAsync(Bound);
            Assert.Equal(round, tally.Count);
        }
    }

    [Fact]
    public async Task A_handler_awaiting_something_outside_the_node_does_not_keep_it_busy()
    {
        await using var node = await StartTrackingAsync();
        var tally = new Tally();
        var relay = await Relay.StartAsync(node, default(EchoRef), tally);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        relay.Wait(gate);
        await node.Introspection.WhenQuiescentAsync(Bound);
        Assert.Equal(0, tally.Count);
        Assert.Empty(node.Introspection.BusyProcesses());

        gate.SetResult();
        await node.Introspection.WhenQuiescentAsync(Bound);
        Assert.Equal(1, tally.Count);
    }

    [Fact]
    public async Task A_node_that_never_settles_fails_the_wait_naming_the_busy_process()
    {
        await using var node = await StartTrackingAsync();
        var spinner = await Spinner.StartAsync(node);

        spinner.Spin();
        var failure = await Assert.ThrowsAsync<TimeoutException>(() => node.Introspection.WhenQuiescentAsync(TimeSpan.FromMilliseconds(50)));

        Assert.Contains(spinner.Pid.ToString(), failure.Message);
        Assert.Contains("Spinner", failure.Message);
        Assert.Contains("never settles", failure.Message);
        Assert.True(node.Introspection.InFlightWork().Processes >= 1);
        node.Exit(spinner.Pid, ExitReason.Kill);
        await node.WhenExited(spinner.Pid);
        await node.Introspection.WhenQuiescentAsync(Bound);
    }

    [Fact]
    public async Task A_node_that_does_not_track_says_how_to_turn_it_on()
    {
        await using var node = await ArborNode.StartAsync();

        Assert.False(node.Introspection.TracksInFlightWork);
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => node.Introspection.WhenQuiescentAsync(Bound));
        Assert.Contains("TrackInFlightWork", failure.Message);
        Assert.Throws<InvalidOperationException>(() => node.Introspection.InFlightWork());
    }

    [Fact]
    public async Task A_negative_timeout_is_refused()
    {
        await using var node = await StartTrackingAsync();

        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = node.Introspection.WhenQuiescentAsync(TimeSpan.FromSeconds(-1)); });
    }
}
