using System.Collections.Generic;
using Arbor.Protocol;

namespace Arbor.Cluster.Membership;

/// <summary>Local requests to the membership service (never sent over the wire).</summary>
internal sealed record SubscribeRequest(Pid Subscriber, bool Subscribe);

/// <summary>The service's own timer: retry seeds, DNS and unreachable members.</summary>
internal sealed record ReconnectTick;

/// <summary>A DNS resolution finished (off the process); the names it found.</summary>
internal sealed record DnsResolved(IReadOnlyList<string> Nodes);

/// <summary>A graceful leave waited long enough for acknowledgements.</summary>
internal sealed record LeaveTimedOut;

/// <summary>Leave the cluster gracefully: tell every member and wait (bounded) for their acknowledgements.</summary>
internal sealed class LeaveCall : CallMessage<bool>
{
    public override string ToString() => "leave_cluster";
}
