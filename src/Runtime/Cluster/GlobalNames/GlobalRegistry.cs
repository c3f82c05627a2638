using System;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Cluster.GlobalNames;

namespace Arbor.Cluster;

/// <summary>
/// Cluster-wide names (OTP <c>global</c>, <c>via</c>-style): <c>node.Cluster.Global</c>. Every member holds a replica,
/// so <see cref="Whereis(string)"/> is a local read with no network round trip. A registration asks every reachable
/// member first, so two registrations of one name inside a connected cluster cannot both succeed; during a partition
/// each side can register the name, and when the sides meet again exactly one keeps it (see
/// <see cref="GlobalRegistration"/> for the rule) and the other is stopped with <see cref="ConflictReason"/>. A name is
/// removed when its holder exits or its node is lost. See <c>docs/cluster.md</c> for the consistency model.
/// </summary>
public sealed class GlobalRegistry
{
    private volatile ImmutableDictionary<string, GlobalRegistration> _view = ImmutableDictionary.Create<string, GlobalRegistration>(StringComparer.Ordinal);
    private Pid _service;

    private GlobalRegistry()
    {
    }

    private readonly ConditionWaiters<ImmutableDictionary<string, GlobalRegistration>> _waiters = new();

    internal ImmutableDictionary<string, GlobalRegistration> View
    {
        get => _view;
        set => _waiters.Publish(value, published => _view = published);
    }

    internal static async Task<GlobalRegistry> StartAsync(ArborNode node, ArborCluster cluster, ClusterOptions options)
    {
        var registry = new GlobalRegistry();
        var started = await GenServer.StartAsync(node, () => new GlobalRegistryServer(registry, cluster, options.ClaimTimeout, options.ResolveGlobalConflict), new StartOptions { Name = GlobalWire.ServiceName }).ConfigureAwait(false);
        registry._service = started.EnsureStarted("the global registry service");
        return registry;
    }

    /// <summary>
    /// The exit reason of a holder that lost its name to the conflict rule after a partition healed:
    /// <c>{shutdown, {global_name_conflict, Name}}</c> (orderly, so a transient child is not restarted into the same conflict).
    /// </summary>
    public static ExitReason ConflictReason(string name) =>
        ExitReason.ShutdownWith(new Arbor.Distribution.Terms.ErlangTuple(GlobalWire.ConflictReason, name));

    /// <summary>
    /// Registers local <paramref name="pid"/> as <paramref name="name"/> cluster-wide (OTP <c>global:register_name/2</c>);
    /// true on success, false when the name is held or being claimed (then <see cref="Whereis(string)"/> may show the holder).
    /// Members that do not answer within the claim timeout count as agreeing (they are partitioned away; the conflict
    /// rule settles the name when they return).
    /// </summary>
    /// <exception cref="ArgumentException">The pid is not a live local process, or the name is empty.</exception>
    public async Task<bool> RegisterAsync(string name, Pid pid)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (pid.Process is null)
        {
            throw new ArgumentException($"{pid} is not a local process: a node registers only its own processes globally.", nameof(pid));
        }

        return await GenServer.CallAsync(_service, new RegisterGlobalCall(name, pid), Timeout.InfiniteTimeSpan).ConfigureAwait(false) is null;
    }

    /// <summary>Removes <paramref name="name"/> if a process of this node holds it (OTP <c>global:unregister_name/1</c>); false otherwise.</summary>
    public async Task<bool> UnregisterAsync(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return await GenServer.CallAsync(_service, new UnregisterGlobalCall(name), Timeout.InfiniteTimeSpan).ConfigureAwait(false);
    }

    /// <summary>The holder of <paramref name="name"/> (local or remote), or <see cref="Pid.None"/>; a local read (OTP <c>global:whereis_name/1</c>).</summary>
    public Pid Whereis(string name) => _view.TryGetValue(name, out var registration) ? registration.Pid : Pid.None;

    /// <summary>
    /// A typed client for the holder of <paramref name="name"/> (<c>via</c>-style lookup). A client of a remote holder
    /// needs typed remote clients (see <c>docs/distribution.md</c>); with a local holder it works as any client.
    /// </summary>
    public TRef Whereis<TRef>(string name)
        where TRef : struct, IProcessRef<TRef> => TRef.FromPid(Whereis(name));

    /// <summary>
    /// Completes once <paramref name="condition"/> holds for this node's replica (at once if it already does): for code
    /// outside processes, such as startup and tests, that must wait for a name to arrive or go.
    /// </summary>
    /// <exception cref="TimeoutException">The condition did not hold within <paramref name="timeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public Task WaitForAsync(Func<ImmutableDictionary<string, GlobalRegistration>, bool> condition, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        _waiters.WaitAsync(() => _view, condition, timeout, () => $"The global registry ({_view.Count} names)", cancellationToken);

    /// <summary>Every registration this node knows of (a snapshot of its replica).</summary>
    public ImmutableDictionary<string, GlobalRegistration> Registrations => _view;
}
