using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Arbor.Testing;

/// <summary>
/// A clock that moves only when told: a <see cref="TimeProvider"/> for <see cref="ArborNodeOptions.TimeProvider"/>, so
/// every timer of a node (<c>SendAfter</c>, idle and call timeouts, supervisor intensity periods, shutdown grace periods,
/// state-machine timeouts) fires when the test advances it, not when real time passes.
/// </summary>
/// <remarks>
/// <see cref="Advance"/> fires the timers that come due on the advancing thread, earliest first (timers due at the same
/// moment in the order they were set), with the clock standing at each timer's due time while it fires; a timer set by
/// a callback fires in the same call if it falls due before the target. Nothing fires on any other thread, and nothing
/// fires before its due time has been reached by an advance: the order of events is fixed by the test.
/// </remarks>
public sealed class VirtualTime : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<VirtualTimer> _timers = new();
    private readonly DateTimeOffset _start;
    private long _elapsedTicks;
    private long _order;

    /// <summary>Creates a clock standing at <paramref name="start"/> (2000-01-01 UTC when null).</summary>
    public VirtualTime(DateTimeOffset? start = null) => _start = start ?? new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How far the clock has been advanced since it was created.</summary>
    public TimeSpan Elapsed
    {
        get
        {
            lock (_gate)
            {
                return TimeSpan.FromTicks(_elapsedTicks);
            }
        }
    }

    /// <summary>How many timers are set and not yet fired or stopped.</summary>
    public int PendingTimers
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count;
            }
        }
    }

    /// <summary>How long until the earliest set timer is due (zero if it already is); null when no timer is set.</summary>
    public TimeSpan? UntilNextTimer
    {
        get
        {
            lock (_gate)
            {
                if (_timers.Count == 0)
                {
                    return null;
                }

                var earliest = long.MaxValue;
                foreach (var timer in _timers)
                {
                    earliest = Math.Min(earliest, timer.DueTicks);
                }

                return TimeSpan.FromTicks(Math.Max(0, earliest - _elapsedTicks));
            }
        }
    }

    /// <summary>One tick is 100 ns, as in <see cref="TimeSpan"/>.</summary>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc/>
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _start.AddTicks(_elapsedTicks);
        }
    }

    /// <inheritdoc/>
    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return _elapsedTicks;
        }
    }

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>
    /// Moves the clock forward by <paramref name="by"/>, firing every timer due by then in due order on this thread.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="by"/> is negative (time does not go back).</exception>
    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), by, "Virtual time only moves forward.");
        }

        long target;
        lock (_gate)
        {
            target = _elapsedTicks + by.Ticks;
        }

        while (TakeNextDue(target) is { } due)
        {
            due.Fire();
        }
    }

    /// <summary>
    /// Moves the clock forward by <paramref name="by"/> for <paramref name="node"/>, one due time at a time: it waits until
    /// the node is quiescent (<see cref="Introspection.NodeIntrospection.WhenQuiescentAsync"/>, so the timers processes set
    /// as they go idle are set), moves the clock to the next timer's due time, fires the timers due then, waits until the
    /// node has handled what they caused, and goes on until <paramref name="by"/> has passed. What
    /// <see cref="ArborTestNode.AdvanceAsync"/> does, for a node started without the kit's fixture (one from
    /// <see cref="Interleavings"/>, say); the node must run on this clock and track its in-flight work
    /// (<see cref="ArborNodeOptions.TrackInFlightWork"/>).
    /// </summary>
    /// <param name="node">The node running on this clock.</param>
    /// <param name="by">How far to move.</param>
    /// <param name="settleTimeout">How long each wait for quiescence may take, in real time; <see cref="ArborTestNodeOptions.DefaultExpectTimeout"/> when null.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="by"/> is negative.</exception>
    /// <exception cref="InvalidOperationException">The node does not track its in-flight work.</exception>
    /// <exception cref="ExpectationFailedException">The node did not settle in time (a process kept busy).</exception>
    public async Task AdvanceAsync(ArborNode node, TimeSpan by, TimeSpan? settleTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), by, "Virtual time only moves forward.");
        }

        var timeout = settleTimeout ?? ArborTestNodeOptions.DefaultExpectTimeout;

        // Each step fires at least one timer or reaches the target, so this ends unless processes keep setting timers
        // within the advance (a heartbeat of a millisecond over an hour takes 3.6 million steps: advance less at once).
        var remaining = by;
        await Quiescence.WaitAsync(node, timeout).ConfigureAwait(false);
        while (UntilNextTimer is { } step && step <= remaining)
        {
            Advance(step);
            remaining -= step;
            await Quiescence.WaitAsync(node, timeout).ConfigureAwait(false);
        }

        Advance(remaining);
        await Quiescence.WaitAsync(node, timeout).ConfigureAwait(false);
    }

    /// <summary>The earliest timer due by <paramref name="target"/>, with the clock moved to its due time; or, when none, the clock moved to the target.</summary>
    private VirtualTimer? TakeNextDue(long target)
    {
        lock (_gate)
        {
            VirtualTimer? next = null;
            foreach (var timer in _timers)
            {
                if (timer.DueTicks <= target && (next is null || (timer.DueTicks, timer.Order).CompareTo((next.DueTicks, next.Order)) < 0))
                {
                    next = timer;
                }
            }

            if (next is null)
            {
                _elapsedTicks = Math.Max(_elapsedTicks, target);
                return null;
            }

            _elapsedTicks = Math.Max(_elapsedTicks, next.DueTicks);
            if (next.PeriodTicks > 0)
            {
                next.DueTicks += next.PeriodTicks;
                next.Order = _order++;
            }
            else
            {
                _timers.Remove(next);
            }

            return next;
        }
    }

    private bool Set(VirtualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        if ((dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan) || (period < TimeSpan.Zero && period != Timeout.InfiniteTimeSpan))
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), "Timer due times and periods must be non-negative or Timeout.InfiniteTimeSpan.");
        }

        lock (_gate)
        {
            if (timer.Disposed)
            {
                return false;
            }

            _timers.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return true;
            }

            timer.DueTicks = _elapsedTicks + dueTime.Ticks;

            // A zero period means "once", as for System.Threading.Timer; a positive one repeats.
            timer.PeriodTicks = period == Timeout.InfiniteTimeSpan ? 0 : period.Ticks;
            timer.Order = _order++;
            _timers.Add(timer);
            return true;
        }
    }

    private void Stop(VirtualTimer timer)
    {
        lock (_gate)
        {
            timer.Disposed = true;
            _timers.Remove(timer);
        }
    }

    /// <summary>A timer of a <see cref="VirtualTime"/>; fires only inside <see cref="Advance"/>.</summary>
    private sealed class VirtualTimer : ITimer
    {
        private readonly VirtualTime _time;
        private readonly TimerCallback _callback;
        private readonly object? _state;

        public VirtualTimer(VirtualTime time, TimerCallback callback, object? state)
        {
            _time = time;
            _callback = callback;
            _state = state;
        }

        public long DueTicks { get; set; }

        public long PeriodTicks { get; set; }

        public long Order { get; set; }

        public bool Disposed { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period) => _time.Set(this, dueTime, period);

        public void Fire() => _callback(_state);

        public void Dispose() => _time.Stop(this);

        public System.Threading.Tasks.ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}
