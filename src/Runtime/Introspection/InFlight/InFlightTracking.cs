using System.Threading;

namespace Arbor.Introspection.InFlight;

/// <summary>
/// Whether any node of this operating-system process counts its in-flight work
/// (<see cref="ArborNodeOptions.TrackInFlightWork"/>). The runtime's hot path reads this one static field (once per turn,
/// per wake-up and per asynchronous reply) and touches a node's counters only when it is on, so an application whose
/// nodes never track pays a static read and a predictable branch. Global rather than per node for that reason, as
/// <see cref="ProcessObservation"/> is.
/// </summary>
internal static class InFlightTracking
{
    private static int s_trackingNodes;

    /// <summary>True while at least one tracking node has been started and not yet disposed.</summary>
    public static bool IsOn => s_trackingNodes != 0;

    public static void NodeStarted() => Interlocked.Increment(ref s_trackingNodes);

    public static void NodeStopped() => Interlocked.Decrement(ref s_trackingNodes);
}
