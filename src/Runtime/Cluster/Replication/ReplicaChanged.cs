namespace Arbor.Cluster.Replication;

/// <summary>
/// The info message a subscriber of <see cref="Replicated{T}.Subscribe"/> gets when the local replica of
/// <paramref name="Name"/> changes (by a local update or by a delta or state from another member), and once at
/// subscription with the value then.
/// </summary>
/// <typeparam name="T">The CRDT type.</typeparam>
/// <param name="Name">The replicated value's name.</param>
/// <param name="Value">The local replica after the change.</param>
public sealed record ReplicaChanged<T>(string Name, T Value)
    where T : class, IDeltaCrdt<T>;
