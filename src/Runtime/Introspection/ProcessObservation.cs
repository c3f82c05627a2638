using System.Threading;

namespace Arbor.Introspection;

/// <summary>
/// Whether anyone is looking (a dashboard open, a test asking for statistics). While nobody is, a process's turn pays one
/// static read for it and nothing else; while someone is, each turn is timed and counted (see <see cref="ProcessStatistics"/>).
/// Global rather than per node: the switch is read on the hot path, where a static field is the cheapest thing to read.
/// </summary>
internal static class ProcessObservation
{
    private static int s_observers;

    /// <summary>True while at least one observation is open.</summary>
    public static bool IsOn => s_observers != 0;

    public static void Begin() => Interlocked.Increment(ref s_observers);

    public static void End() => Interlocked.Decrement(ref s_observers);
}
