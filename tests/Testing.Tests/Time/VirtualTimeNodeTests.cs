namespace Arbor.Testing.Tests.Time;

/// <summary>
/// Every timer of a node on virtual time fires when the test advances the clock, not when real time passes: each test
/// here waits for hours of timeouts and runs in milliseconds.
/// </summary>
public sealed class VirtualTimeNodeTests
{
    private static Task<ArborTestNode> StartAsync() => ArborTestNode.StartAsync(new ArborTestNodeOptions { VirtualTime = true });

    [Fact]
    public async Task An_idle_timeout_of_an_hour_fires_when_the_clock_passes_it_and_not_before()
    {
        await using var test = await StartAsync();
        var owner = await test.CreateProbeAsync();
        var session = await Session.StartAsync(test.Node, owner.Pid);
        test.Track(session.Pid, "Session");

        await test.AdvanceAsync(TimeSpan.FromMinutes(59));
        await owner.ExpectNoMessageAsync();
        Assert.True(await session.TouchAsync()); // a message handled: the hour starts again

        await test.AdvanceAsync(TimeSpan.FromMinutes(59));
        await owner.ExpectNoMessageAsync();
        await test.AdvanceAsync(TimeSpan.FromMinutes(1));

        await owner.ExpectMessageAsync("session idle");
        Assert.Equal(ExitReason.Normal, await test.Node.WhenExited(session.Pid));
    }

    [Fact]
    public async Task SendAfter_delivers_when_the_clock_reaches_its_delay_in_due_order()
    {
        await using var test = await StartAsync();
        var probe = await test.CreateProbeAsync();
        test.Node.SendAfter(probe.Pid, TimeSpan.FromHours(2), "second");
        test.Node.SendAfter(probe.Pid, TimeSpan.FromHours(1), "first");
        var cancelled = test.Node.SendAfter(probe.Pid, TimeSpan.FromMinutes(90), "cancelled");

        await test.AdvanceAsync(TimeSpan.FromMinutes(59));
        await probe.ExpectNoMessageAsync();
        Assert.True(cancelled.Cancel());

        await test.AdvanceAsync(TimeSpan.FromHours(3));

        await probe.ExpectMessageAsync("first");
        await probe.ExpectMessageAsync("second");
        await probe.ExpectNoMessageAsync();
    }

    [Fact]
    public async Task A_call_times_out_when_the_clock_passes_its_timeout()
    {
        await using var test = await StartAsync();
        var silent = await test.StartSupervisedAsync<SilentRef>(Silent.ChildSpec());

        var call = silent.WaitAsync(TimeSpan.FromHours(1)).AsTask();
        await test.AdvanceAsync(TimeSpan.FromMinutes(59));
        Assert.False(call.IsCompleted);

        await test.AdvanceAsync(TimeSpan.FromMinutes(1));

        await Assert.ThrowsAsync<CallTimeoutException>(() => call);
    }

    [Fact]
    public async Task The_restart_intensity_window_slides_with_the_virtual_clock()
    {
        await using var test = await StartAsync();
        var supervisor = await test.Node.StartSupervisorAsync(Strategy.OneForOne, maxRestarts: 1, within: TimeSpan.FromMinutes(1),
            Fragile.ChildSpec(id: "fragile", name: "fragile"));
        test.Track(supervisor.Pid, "supervisor of Fragile");

        // One crash a minute and more apart: each is the only restart in its window, so the supervisor carries on.
        for (var crash = 0; crash < 3; crash++)
        {
            test.Node.Whereis<FragileRef>("fragile").Crash();
            await test.AdvanceAsync(TimeSpan.FromMinutes(1) + TimeSpan.FromMilliseconds(1));
            Assert.True(await test.Node.Whereis<FragileRef>("fragile").PingAsync());
        }

        // Two crashes within the same minute: one restart too many, the supervisor gives up.
        test.Node.Whereis<FragileRef>("fragile").Crash();
        await test.SettleAsync();
        test.Node.Whereis<FragileRef>("fragile").Crash();

        Assert.Equal(ExitReason.Shutdown, await test.Node.WhenExited(supervisor.Pid));
        await test.Logs.ExpectSupervisorReportAsync(ArborLogEvents.RestartIntensityReached);
    }

    [Fact]
    public async Task A_state_timeout_fires_when_the_clock_reaches_it()
    {
        await using var test = await StartAsync();
        var latch = await test.StartSupervisedAsync<LatchRef>(Latch.ChildSpec());

        Assert.Equal(LatchState.Open, await latch.OpenAsync());
        await test.AdvanceAsync(TimeSpan.FromMinutes(9));
        Assert.Equal(LatchState.Open, await latch.StatusAsync());

        await test.AdvanceAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(LatchState.Closed, await latch.StatusAsync());
    }

    [Fact]
    public async Task A_timer_set_in_reply_to_another_fires_within_the_same_advance()
    {
        await using var test = await StartAsync();
        var pulse = await test.StartSupervisedAsync<PulseRef>(Pulse.ChildSpec());

        await test.AdvanceAsync(TimeSpan.FromSeconds(10.5));
        Assert.Equal(10, await pulse.BeatsAsync());

        await test.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(70, await pulse.BeatsAsync());
    }

    [Fact]
    public async Task A_test_node_on_real_time_has_no_virtual_clock()
    {
        await using var test = await ArborTestNode.StartAsync();

        var failure = Assert.Throws<InvalidOperationException>(() => test.Time);
        Assert.Contains("VirtualTime = true", failure.Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => test.AdvanceAsync(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task The_node_clock_is_the_virtual_one()
    {
        await using var test = await StartAsync();
        var before = test.Time.GetUtcNow();

        await test.AdvanceAsync(TimeSpan.FromDays(3));

        Assert.Equal(TimeSpan.FromDays(3), test.Time.GetUtcNow() - before);
        Assert.Equal(TimeSpan.FromDays(3), test.Time.Elapsed);
    }
}
