namespace Arbor.Scheduling;

/// <summary>
/// What the <see cref="TurnWatchdog"/> last saw of one worker thread: which turn was running, since when, how often it
/// has been seen, and whether it has been reported. Only the watchdog touches it (one pass at a time).
/// </summary>
internal sealed class TurnWatch
{
    /// <summary>The thread's turn count when this turn was first seen.</summary>
    public int Turn;

    /// <summary>When this turn was first seen, in <see cref="Timers.TimerClock"/> milliseconds (it began at most one pass earlier).</summary>
    public long SinceMs;

    /// <summary>Passes that have seen this turn running; zero when the thread is not in a turn.</summary>
    public int Sightings;

    /// <summary>True once this turn has passed its node's threshold: it is reported and counted as a long turn.</summary>
    public bool IsLong;

    /// <summary>The thread's work-item count when the item running was first seen.</summary>
    public int Item;

    /// <summary>When that item was first seen.</summary>
    public long ItemSinceMs;

    /// <summary>Passes that have seen that item running; zero when the thread is between items.</summary>
    public int ItemSightings;

    public void Forget()
    {
        Sightings = 0;
        IsLong = false;
    }
}
