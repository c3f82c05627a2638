using System.Threading;

namespace Arbor.Introspection;

/// <summary>
/// Work counted for one process while it is observed: messages handled and time spent in its turns. Written at the end
/// of each observed turn (with atomic adds: the next turn may already run on another thread), read by the introspection API.
/// </summary>
internal sealed class ProcessStatistics
{
    private long _handled;
    private long _busyTicks;

    /// <summary>Messages handled while observed.</summary>
    public long Handled => Volatile.Read(ref _handled);

    /// <summary>Time spent in turns while observed, in <see cref="System.Diagnostics.Stopwatch"/> ticks.</summary>
    public long BusyTicks => Volatile.Read(ref _busyTicks);

    public void Record(int handled, long busyTicks)
    {
        Interlocked.Add(ref _handled, handled);
        Interlocked.Add(ref _busyTicks, busyTicks);
    }
}
