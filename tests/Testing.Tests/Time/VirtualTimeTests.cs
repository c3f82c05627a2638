using System.Threading;

namespace Arbor.Testing.Tests.Time;

/// <summary>The clock itself: timers fire only inside Advance, in due order, never before their due time.</summary>
public sealed class VirtualTimeTests
{
    [Fact]
    public void Timers_fire_in_due_order_with_the_clock_at_their_due_time()
    {
        var time = new VirtualTime();
        var fired = new List<string>();
        using var late = time.CreateTimer(_ => fired.Add($"late at {time.Elapsed.TotalMinutes}"), null, TimeSpan.FromMinutes(30), Timeout.InfiniteTimeSpan);
        using var early = time.CreateTimer(_ => fired.Add($"early at {time.Elapsed.TotalMinutes}"), null, TimeSpan.FromMinutes(10), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromMinutes(9));
        Assert.Empty(fired);

        time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(new[] { "early at 10", "late at 30" }, fired);
        Assert.Equal(TimeSpan.FromMinutes(69), time.Elapsed);
        Assert.Equal(0, time.PendingTimers);
    }

    [Fact]
    public void A_periodic_timer_fires_once_per_period_passed_and_a_stopped_one_never()
    {
        var time = new VirtualTime();
        var ticks = 0;
        using var periodic = time.CreateTimer(_ => ticks++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        var stopped = time.CreateTimer(_ => throw new InvalidOperationException("stopped timers do not fire"), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        stopped.Dispose();

        time.Advance(TimeSpan.FromSeconds(5.5));

        Assert.Equal(5, ticks);
        Assert.False(stopped.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public void A_timer_set_by_a_callback_fires_in_the_same_advance_when_due_by_its_end()
    {
        var time = new VirtualTime();
        var fired = new List<TimeSpan>();
        ITimer? second = null;
        using var first = time.CreateTimer(
            _ => second = time.CreateTimer(_ => fired.Add(time.Elapsed), null, TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan),
            null,
            TimeSpan.FromMinutes(1),
            Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(new[] { TimeSpan.FromMinutes(2) }, fired);
        second?.Dispose();
    }

    [Fact]
    public void Time_does_not_go_back_and_the_clock_starts_where_it_is_told()
    {
        var start = new DateTimeOffset(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);
        var time = new VirtualTime(start);

        Assert.Equal(start, time.GetUtcNow());
        Assert.Throws<ArgumentOutOfRangeException>(() => time.Advance(TimeSpan.FromTicks(-1)));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(1), time.GetElapsedTime(0));
    }
}
