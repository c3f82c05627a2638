using System.Threading;

namespace Arbor.Timers;

/// <summary>
/// One armed timer in the <see cref="TimerService"/>. Cancelling only flips its state: the service drops cancelled
/// entries when it meets them, so cancel is a single compare-and-swap from any thread.
/// </summary>
internal abstract class TimerEntry
{
    private const int Armed = 0;
    private const int Fired = 1;
    private const int Cancelled = 2;

    private int _state;

    /// <summary>Next entry in the service's submission list.</summary>
    internal TimerEntry? SubmitNext;

    /// <summary>The service the entry was scheduled on, told when the entry is cancelled.</summary>
    internal TimerQueue? Service;

    /// <summary>Due time in milliseconds of the clock of the queue it is scheduled on (<see cref="NodeClock.NowMs"/>).</summary>
    internal long DueMs;

    internal bool IsArmed => Volatile.Read(ref _state) == Armed;

    /// <summary>Cancels the entry; false if it already fired or was cancelled.</summary>
    internal bool TryCancel()
    {
        if (Interlocked.CompareExchange(ref _state, Cancelled, Armed) != Armed)
        {
            return false;
        }

        Service?.OnCancelled();
        return true;
    }

    /// <summary>Called on the timer thread when due; fires at most once and never after a successful cancel.</summary>
    internal void Expire()
    {
        if (Interlocked.CompareExchange(ref _state, Fired, Armed) == Armed)
        {
            OnExpired();
        }
    }

    /// <summary>Makes a fired entry armable again (used by the per-process idle timer, which is reused).</summary>
    internal void Rearm() => Volatile.Write(ref _state, Armed);

    /// <summary>The timer's action. Runs on the timer thread: keep it to a send.</summary>
    protected abstract void OnExpired();
}
