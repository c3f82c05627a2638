using System;
using Arbor.Protocol;

namespace Arbor.Cluster.Replication;

/// <summary>Apply a local mutation; answers null, or the exception the mutation (or the join) threw.</summary>
internal sealed class UpdateCall<T>(Func<T, string, T> delta) : CallMessage<Exception?>
    where T : class, IDeltaCrdt<T>
{
    public Func<T, string, T> Delta { get; } = delta;

    public override string ToString() => "replica_update";
}

/// <summary>A fire-and-forget local mutation (failures are logged).</summary>
internal sealed record UpdateRequest<T>(Func<T, string, T> Delta)
    where T : class, IDeltaCrdt<T>;

/// <summary>Start or stop sending <see cref="ReplicaChanged{T}"/> to a local process.</summary>
internal sealed record ReplicaSubscription(Pid Subscriber, bool Subscribe);

/// <summary>The delta interval is over: ship the collected delta-group.</summary>
internal sealed record FlushDeltas;
