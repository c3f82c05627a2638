using System;
using System.Threading.Tasks;

namespace Arbor.Timers;

/// <summary>
/// Where timer entries wait until due. The real-time <see cref="TimerService"/> (a thread and a heap, measured on
/// <see cref="TimerClock"/>) serves nodes on <see cref="TimeProvider.System"/>; <see cref="ProvidedTimerQueue"/> serves a
/// node given another <see cref="TimeProvider"/> (virtual time in tests), firing when that provider's timer says so.
/// </summary>
internal abstract class TimerQueue : IDisposable
{
    /// <summary>Entries in the queue, cancelled ones not yet dropped included (for tests).</summary>
    internal abstract int HeapCount { get; }

    /// <summary>Arms <paramref name="entry"/> to expire at <see cref="TimerEntry.DueMs"/>.</summary>
    public abstract void Schedule(TimerEntry entry);

    /// <summary>Counts a cancelled entry (called by <see cref="TimerEntry.TryCancel"/>).</summary>
    internal abstract void OnCancelled();

    /// <summary>Completes once every entry cancelled before the call has been dropped, if it is to be (for tests).</summary>
    internal abstract Task NextPass();

    public abstract void Dispose();
}
