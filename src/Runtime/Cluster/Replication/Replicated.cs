using System;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace Arbor.Cluster.Replication;

/// <summary>Starts replicated values (see <see cref="Replicated{T}"/>).</summary>
public static class Replicated
{
    /// <summary>The longest name of a replicated value (its replicator's registered name must stay an atom).</summary>
    public const int MaxNameLength = 200;

    /// <summary>
    /// Starts replicating the CRDT value <paramref name="name"/> on <paramref name="node"/>, or returns it if it runs
    /// already. Every member that starts the same name with the same type shares it; the local replica starts empty and
    /// fills from the members' states.
    /// </summary>
    /// <exception cref="InvalidOperationException">The node is not a cluster member, the name runs with another type, or another process holds the replicator's name.</exception>
    /// <exception cref="ArgumentException">The name is empty or too long, or the options are invalid.</exception>
    public static async Task<Replicated<T>> StartAsync<T>(ArborNode node, string name, CrdtCodec<T> codec, ReplicationOptions? options = null)
        where T : class, IDeltaCrdt<T>
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(codec);
        if (name.Length > MaxNameLength)
        {
            throw new ArgumentException($"The name of a replicated value is at most {MaxNameLength} characters.", nameof(name));
        }

        options ??= new ReplicationOptions();
        options.Validate();
        var cluster = node.Cluster;
        var key = "crdt:" + name;
        if (node.ClusterParts.TryGetValue(key, out var existing))
        {
            switch (existing)
            {
                case Replicated<T> { Pid.IsAlive: true } running:
                    return running;
                case IReplicatedPart { IsAlive: true } other:
                    throw new InvalidOperationException($"Replicated value '{name}' already runs on this node as {other.ValueType.Name}, not {typeof(T).Name}.");
            }
        }

        var replicated = new Replicated<T>(name, node.NodeName!);
        var started = await GenServer.StartAsync(
            node,
            () => new ReplicatorServer<T>(replicated, cluster, codec, options.DeltaInterval),
            new StartOptions { Name = ReplicationWire.ServiceName(name) }).ConfigureAwait(false);
        if (!started.IsStarted)
        {
            throw new InvalidOperationException($"Cannot start replicated value '{name}': {started}.");
        }

        replicated.Pid = started.Pid;
        node.ClusterParts[key] = replicated;
        return replicated;
    }
}

/// <summary>
/// One node's replica of a named CRDT value shared by the members (start it with <see cref="Replicated.StartAsync{T}"/>).
/// <see cref="Value"/> is a local read; <see cref="UpdateAsync"/> applies a mutation locally at once and ships its delta
/// to the members within one <see cref="ReplicationOptions.DeltaInterval"/>; subscribers get a
/// <see cref="ReplicaChanged{T}"/> on every change. Replicas converge once they have exchanged their changes (strong
/// eventual consistency) — also after a partition heals or a node restarts. See <c>docs/cluster.md</c>.
/// </summary>
/// <typeparam name="T">The CRDT type.</typeparam>
public sealed class Replicated<T> : IReplicatedPart
    where T : class, IDeltaCrdt<T>
{
    private readonly ConditionWaiters<T> _waiters = new();
    private volatile T _value = T.Empty;

    internal Replicated(string name, string node)
    {
        Name = name;
        Incarnation = RandomNumberGenerator.GetInt32(1, int.MaxValue);
        ReplicaId = $"{node}/{Incarnation:x8}";
    }

    /// <summary>The value's name, the same on every member.</summary>
    public string Name { get; }

    /// <summary>
    /// This replica's id in dots and counters: the node name and this replicator's incarnation (<c>alive@host/3f2a9c01</c>),
    /// so a restarted node never reuses the dots or counts of its previous life.
    /// </summary>
    public string ReplicaId { get; }

    /// <summary>The replicator process.</summary>
    public Pid Pid { get; internal set; }

    /// <summary>The local replica: a read with no network round trip.</summary>
    public T Value => _value;

    internal long Incarnation { get; }

    bool IReplicatedPart.IsAlive => Pid.IsAlive;

    Type IReplicatedPart.ValueType => typeof(T);

    /// <summary>
    /// Applies a mutation: <paramref name="delta"/> gets the current replica and this replica's id and returns the
    /// mutation's delta (for example <c>(map, replica) =&gt; map.SetDelta(replica, "k", 1)</c>). It runs inside the
    /// replicator, one update at a time; when the task completes, <see cref="Value"/> includes it.
    /// </summary>
    /// <exception cref="Exception">Whatever <paramref name="delta"/> threw; the replica is unchanged then.</exception>
    public async Task UpdateAsync(Func<T, string, T> delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        var error = await GenServer.CallAsync(Pid, new UpdateCall<T>(delta), Timeout.InfiniteTimeSpan).ConfigureAwait(false);
        if (error is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        }
    }

    /// <summary>Like <see cref="UpdateAsync"/> without waiting (from a process, say); a failing mutation is logged.</summary>
    public void Update(Func<T, string, T> delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        Pid.Send(new UpdateRequest<T>(delta));
    }

    /// <summary>
    /// Sends <paramref name="subscriber"/> a <see cref="ReplicaChanged{T}"/> with the current value, then one after every
    /// change of the local replica, until it exits or unsubscribes. Subscribing twice has no further effect.
    /// </summary>
    /// <exception cref="ArgumentException">The subscriber is not a local process.</exception>
    public void Subscribe(Pid subscriber) => Pid.Send(new ReplicaSubscription(CheckLocal(subscriber), Subscribe: true));

    /// <summary>Stops the change messages to <paramref name="subscriber"/>.</summary>
    public void Unsubscribe(Pid subscriber) => Pid.Send(new ReplicaSubscription(CheckLocal(subscriber), Subscribe: false));

    /// <summary>
    /// Completes once <paramref name="condition"/> holds for the local replica (at once if it already does), for code
    /// outside processes such as startup and tests.
    /// </summary>
    /// <exception cref="TimeoutException">The condition did not hold within <paramref name="timeout"/>.</exception>
    public Task WaitForAsync(Func<T, bool> condition, TimeSpan timeout) =>
        _waiters.WaitAsync(() => _value, condition, timeout, () => $"Replicated value '{Name}' ({_value})");

    /// <summary>Stops this node's replicator (the other members keep the value; the local replica is gone).</summary>
    public Task StopAsync() => GenServer.StopAsync(Pid);

    /// <summary>Called by the replicator after each change.</summary>
    internal void Publish(T value) => _waiters.Publish(value, published => _value = published);

    private static Pid CheckLocal(Pid pid) =>
        pid.Process is not null ? pid : throw new ArgumentException("The subscriber must be a live local process.", nameof(pid));
}
