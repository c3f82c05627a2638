using Arbor.Timers;

namespace Arbor;

/// <summary>A handle on a timer started with <c>SendAfter</c> (OTP's timer reference).</summary>
public sealed class TimerRef
{
    private readonly TimerEntry _entry;

    internal TimerRef(TimerEntry entry) => _entry = entry;

    /// <summary>True while the timer has neither fired nor been cancelled.</summary>
    public bool IsActive => _entry.IsArmed;

    /// <summary>Cancels the timer. True if it was cancelled before firing; false if it had fired or was already cancelled.</summary>
    public bool Cancel() => _entry.TryCancel();
}
