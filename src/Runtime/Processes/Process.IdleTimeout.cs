using System;
using System.Threading.Tasks;
using Arbor.Protocol;
using Arbor.Timers;

namespace Arbor;

internal sealed partial class Process
{
    /// <summary>Sets (or with null, clears) the idle timeout. Owner only.</summary>
    public void SetIdleTimeout(TimeSpan? timeout)
    {
        if (timeout is { } value && (value <= TimeSpan.Zero && value != System.Threading.Timeout.InfiniteTimeSpan))
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), value, "An idle timeout must be positive (or null / Timeout.InfiniteTimeSpan for none).");
        }

        var ms = timeout is { } t && t != System.Threading.Timeout.InfiniteTimeSpan ? Math.Max(1, (long)Math.Ceiling(t.TotalMilliseconds)) : 0;
        if (ms == 0 && _extras is null)
        {
            return;
        }

        Extras.IdleTimeoutMs = ms;
    }

    public TimeSpan? IdleTimeout => _extras is { IdleTimeoutMs: > 0 } extras ? TimeSpan.FromMilliseconds(extras.IdleTimeoutMs) : null;

    /// <summary>
    /// Called as the mailbox runs dry. One reusable timer per process: it is armed for "idle since + timeout" and,
    /// when it fires, the process itself checks whether anything was handled meanwhile (no per-message timer work).
    /// </summary>
    private void ArmIdleTimer()
    {
        var extras = _extras!;
        var clock = Node.Clock;
        var timer = extras.IdleTimer ??= new IdleTimer(this);
        if (extras.Handled != timer.HandledAtIdle || extras.IdleSinceMs == 0)
        {
            extras.IdleSinceMs = clock.NowMs;
            timer.HandledAtIdle = extras.Handled;
        }

        if (timer.InFlight)
        {
            // Armed for a later time by a longer timeout set earlier: a shorter one set since must not wait for it. The
            // pending entry is cancelled (the heap drops it) and a fresh timer takes its place; if it has already fired,
            // its check is queued and the timer is re-armed after it.
            if (clock.DueAfterMs(extras.IdleSinceMs, extras.IdleTimeoutMs) >= timer.DueMs || !timer.TryCancel())
            {
                return;
            }

            timer = extras.IdleTimer = new IdleTimer(this) { HandledAtIdle = timer.HandledAtIdle };
        }

        timer.InFlight = true;
        timer.HandledAtArm = extras.Handled;
        timer.DueMs = clock.DueAfterMs(extras.IdleSinceMs, extras.IdleTimeoutMs);
        timer.Rearm();
        Node.Timers.Schedule(timer);
    }

    private ValueTask HandleIdleCheck()
    {
        var extras = _extras;
        if (extras?.IdleTimer is not { } timer)
        {
            return default;
        }

        timer.InFlight = false;
        var untouched = extras.IdleTimeoutMs > 0 &&
                        extras.Handled == timer.HandledAtArm &&
                        _batch is null &&
                        !MailboxStack.HasItems(ref _inbox);
        if (!untouched)
        {
            return default;
        }

        extras.Handled++;
        return _behavior!.HandleCoreAsync(timer.Envelope);
    }
}
