using System.Threading;
using Arbor.Introspection.InFlight;

namespace Arbor;

internal sealed partial class Process
{
    /// <summary>True while the process is scheduled or running (a snapshot, read from another thread).</summary>
    internal bool IsScheduled => Volatile.Read(ref _status) == Scheduled;

    /// <summary>
    /// The process became runnable (started or woken) on a node that counts its in-flight work; called only when
    /// <see cref="InFlightTracking.IsOn"/>. Uncounted when it goes idle or once its exit has been sent.
    /// </summary>
    private void CountScheduled() => Node.InFlight?.Add(InFlightKind.Process);

    /// <summary>The counterpart of <see cref="CountScheduled"/>: the process went idle, or its exit sequence has run.</summary>
    private void CountUnscheduled() => Node.InFlight?.Remove(InFlightKind.Process);
}
