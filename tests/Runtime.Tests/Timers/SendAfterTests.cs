using System;
using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Support;

namespace Arbor.Runtime.Tests.Timers;

public sealed class SendAfterTests
{
    [Fact]
    public async Task SendAfter_delivers_once_the_delay_has_passed()
    {
        await using var node = await ArborNode.StartAsync();
        var probe = await ProbeHandle.StartAsync(node);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var timer = node.SendAfter(probe.Pid, TimeSpan.FromMilliseconds(30), "tick");

        // Measured on a precise clock: the timers' own clock is coarse, and a timer must still never fire early.
        Assert.Equal("tick", await probe.ReceiveAsync<string>());
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(30), $"fired after {clock.Elapsed}");
        Assert.False(timer.IsActive);
        Assert.False(timer.Cancel());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(50)]
    [InlineData(1_000)]
    public void A_due_time_taken_from_a_coarse_reading_is_never_early_and_at_most_a_step_late(long delayMs)
    {
        var step = Arbor.Timers.TimerClock.StepMs - 1; // the clock's measured step; StepMs adds the truncated millisecond
        Assert.InRange(step, 1, 32);

        // A model of the clock: real time runs in tenths of a millisecond, a reading is the last tick at or before it
        // (it lags by up to a step) in whole milliseconds. Whatever the real time of the request, the first reading
        // that reaches the due time is taken no earlier than the request plus the delay, and not much later.
        for (var tenths = 0L; tenths < step * 30; tenths++)
        {
            var requested = 1_000_000 + (tenths / 10.0);
            var reading = (long)Math.Floor(requested / step) * step;
            var due = Arbor.Timers.TimerClock.DueAfterMs(reading, delayMs);

            var earliestFiring = due; // a reading never runs ahead of real time
            Assert.True(earliestFiring >= requested + delayMs, $"due {due} for a request at {requested} with delay {delayMs} could fire early");
            Assert.True(earliestFiring <= requested + Math.Max(1, delayMs) + (2 * step) + 1, $"due {due} for a request at {requested} with delay {delayMs} is later than needed");
        }
    }

    [Fact]
    public async Task A_cancelled_timer_never_fires()
    {
        await using var node = await ArborNode.StartAsync();
        var probe = await ProbeHandle.StartAsync(node);

        // The delay only has to outlast the next statement; it is generous so a descheduled test thread cannot lose the race.
        var cancelled = node.SendAfter(probe.Pid, TimeSpan.FromMilliseconds(500), "cancelled");
        node.SendAfter(probe.Pid, TimeSpan.FromMilliseconds(600), "later");
        Assert.True(cancelled.Cancel());
        Assert.False(cancelled.Cancel());

        // Timers fire in due order on one thread, so had the first not been cancelled it would have come first.
        Assert.Equal("later", await probe.ReceiveAsync<string>());
        await probe.AssertNoMessageAsync();
    }

    [Fact]
    public async Task Timers_fire_in_due_order()
    {
        await using var node = await ArborNode.StartAsync();
        var probe = await ProbeHandle.StartAsync(node);
        // Gaps far wider than any stall of the test thread between these statements.
        node.SendAfter(probe.Pid, TimeSpan.FromMilliseconds(600), 3);
        node.SendAfter(probe.Pid, TimeSpan.FromMilliseconds(0), 1);
        node.SendAfter(probe.Pid, TimeSpan.FromMilliseconds(300), 2);

        Assert.Equal(1, await probe.ReceiveAsync<int>());
        Assert.Equal(2, await probe.ReceiveAsync<int>());
        Assert.Equal(3, await probe.ReceiveAsync<int>());
    }

    [Fact]
    public async Task A_GenServer_can_send_itself_a_message_later()
    {
        await using var node = await ArborNode.StartAsync();
        var probe = await ProbeHandle.StartAsync(node);
        await Scripted.StartOkAsync(node, new Script
        {
            Init = s =>
            {
                s.SendAfter(TimeSpan.FromMilliseconds(10), "wake");
                return new(InitResult.Ok);
            },
            Info = (s, message) =>
            {
                probe.Pid.Send(("got", message));
                return default;
            },
        });

        Assert.Equal(("got", (object)"wake"), await probe.ReceiveAsync<(string, object)>());
    }

    [Fact]
    public async Task A_negative_delay_is_rejected()
    {
        await using var node = await ArborNode.StartAsync();
        Assert.Throws<ArgumentOutOfRangeException>(() => node.SendAfter(Pid.None, TimeSpan.FromMilliseconds(-1), "x"));
    }
}
