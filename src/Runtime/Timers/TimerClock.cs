using System;
using System.Diagnostics;

namespace Arbor.Timers;

/// <summary>
/// The clock every timer is measured on: <see cref="Environment.TickCount64"/>, cheap to read on every call but
/// coarse — it advances in steps of the operating system's tick (1 to 16 ms) and is truncated to whole milliseconds. A
/// due time taken from a reading could come up to a step and a millisecond early, so due times add that: a timer never
/// fires before its delay has passed (OTP's guarantee) and fires at most that much plus one timer pass late.
/// </summary>
internal static class TimerClock
{
    /// <summary>
    /// The most a reading can lag real time, in milliseconds: one step of the clock (measured once) plus the
    /// millisecond a reading loses by truncation.
    /// </summary>
    public static readonly long StepMs = MeasureStep() + 1;

    /// <summary>Now, in milliseconds on this clock.</summary>
    public static long NowMs => Environment.TickCount64;

    /// <summary>The due time of something that must not happen before <paramref name="delay"/> has passed.</summary>
    public static long DueAfter(TimeSpan delay) => DueAfterMs(NowMs, (long)Math.Ceiling(delay.TotalMilliseconds));

    /// <summary>The due time <paramref name="delayMs"/> after the reading <paramref name="fromMs"/>.</summary>
    public static long DueAfterMs(long fromMs, long delayMs) => fromMs + Math.Max(1, delayMs) + StepMs;

    /// <summary>Watches the clock change twice and takes the difference (at most a few steps of spinning, once).</summary>
    private static long MeasureStep()
    {
        var limit = Stopwatch.StartNew();
        var start = Environment.TickCount64;
        long first;
        while ((first = Environment.TickCount64) == start && limit.ElapsedMilliseconds < 100)
        {
        }

        long second;
        while ((second = Environment.TickCount64) == first && limit.ElapsedMilliseconds < 100)
        {
        }

        return second > first ? Math.Min(second - first, 32) : 16;
    }
}
