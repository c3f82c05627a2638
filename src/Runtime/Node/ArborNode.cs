using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Timers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Arbor;

/// <summary>
/// A running Arbor node: the name registry, the shared timer, logging, and the count of live processes.
/// Several nodes can live in one operating-system process (tests do); each has its own names.
/// </summary>
public sealed partial class ArborNode : IAsyncDisposable
{
    private readonly ConcurrentDictionary<long, Process> _processes = new();
    private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeSpan _shutdownTimeout;
    private int _processCount;
    private int _stopped;

    private ArborNode(ArborNodeOptions options)
    {
        if (options.ShutdownTimeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ShutdownTimeout, "ArborNodeOptions.ShutdownTimeout cannot be negative.");
        }

        _shutdownTimeout = options.ShutdownTimeout;
        LoggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        Reporter = new ProcessReporter(LoggerFactory, options.CrashReportDetail);
        Scheduling = new Scheduling.NodeScheduling(options, LoggerFactory);
        Clock = new NodeClock(options.TimeProvider ?? throw new ArgumentNullException(nameof(options), "ArborNodeOptions.TimeProvider cannot be null."));
        Timers = Clock.Timers;
        Introspection = new Introspection.NodeIntrospection(this);

        // The process-wide timer service also rescues stalled hand-offs: it must run as soon as any node does.
        _ = TimerService.Shared;
    }

    /// <summary>
    /// Starts a node. With <see cref="ArborNodeOptions.Name"/> set it is a distributed node: it listens, registers
    /// with EPMD and can talk to other Arbor and Erlang nodes (see <c>docs/distribution.md</c>).
    /// </summary>
    /// <exception cref="System.ArgumentException">A distribution option or the name is invalid.</exception>
    /// <exception cref="System.InvalidOperationException">The listen port is taken or EPMD refuses the name.</exception>
    public static ValueTask<ArborNode> StartAsync(ArborNodeOptions? options = null)
    {
        // Bad options throw here, synchronously, before anything starts; only a distributed node has work to await.
        options ??= new ArborNodeOptions();
        var node = CreateLocalPart(options);
        return options.Name is { } name ? StartDistributionAsync(node, name, options) : new(node);
    }

    /// <summary>
    /// Checks <paramref name="options"/> and creates the node without starting its distribution, which
    /// <see cref="StartDistributedPartAsync"/> adds: for a host whose service factory cannot await (see <c>AddArbor</c>).
    /// </summary>
    internal static ArborNode CreateLocalPart(ArborNodeOptions options)
    {
        if (options.Cluster is { } cluster)
        {
            cluster.Validate();
            if (options.Name is null)
            {
                throw new ArgumentException("ArborNodeOptions.Cluster needs a distributed node: set ArborNodeOptions.Name.", nameof(options));
            }
        }

        return new ArborNode(options);
    }

    private static async ValueTask<ArborNode> StartDistributionAsync(ArborNode node, string name, ArborNodeOptions options)
    {
        try
        {
            await node.StartDistributedPartAsync(name, options).ConfigureAwait(false);
        }
        catch
        {
            await node.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return node;
    }

    /// <summary>Starts distribution (listening, EPMD) and, when configured, cluster membership; the caller disposes the node if this throws.</summary>
    internal async Task StartDistributedPartAsync(string name, ArborNodeOptions options)
    {
        if (Distribution is not null)
        {
            throw new InvalidOperationException($"This node's distribution is already started (as {NodeName}).");
        }

        Distribution = await Arbor.Distribution.NodeDistribution.StartAsync(this, name, options.Cookie, options.Distribution).ConfigureAwait(false);
        if (options.Cluster is { } cluster)
        {
            ClusterService = await Arbor.Cluster.ArborCluster.StartAsync(this, cluster).ConfigureAwait(false);
        }
    }

    /// <summary>The logger factory crash and supervisor reports are written to.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>How many processes are alive on this node.</summary>
    public int ProcessCount => Volatile.Read(ref _processCount);

    internal NameRegistry Names { get; } = new();

    /// <summary>The node's own process timers (on <see cref="Clock"/>).</summary>
    internal TimerQueue Timers { get; }

    /// <summary>The node's time: the clock timers are measured on and where they wait.</summary>
    internal NodeClock Clock { get; }

    internal ProcessReporter Reporter { get; }

    /// <summary>Long-turn threshold and reports, and the dirty schedulers.</summary>
    internal Scheduling.NodeScheduling Scheduling { get; }

    /// <summary>Registers <paramref name="pid"/> under the unique <paramref name="name"/> (OTP <c>register/2</c>).</summary>
    /// <exception cref="AlreadyRegisteredException">The name is held by another process.</exception>
    public void Register(string name, Pid pid)
    {
        var process = pid.Process ?? throw new ArgumentException("Only local processes can be registered.", nameof(pid));
        if (!Names.TryRegister(name, process, out var holder))
        {
            throw new AlreadyRegisteredException(name, holder);
        }
    }

    /// <summary>Removes a name; false if it was not registered.</summary>
    public bool Unregister(string name) => Names.Unregister(name);

    /// <summary>The process registered as <paramref name="name"/>, or <see cref="Pid.None"/> (OTP <c>whereis/1</c>).</summary>
    public Pid Whereis(string name) => Names.Whereis(name);

    /// <summary>
    /// A typed client for the process registered as <paramref name="name"/>. When no process holds the name the client
    /// wraps <see cref="Pid.None"/>: its calls fail with <see cref="NoProcessException"/> and its casts are dropped, as
    /// calling an unregistered name does in OTP.
    /// </summary>
    public TRef Whereis<TRef>(string name)
        where TRef : struct, IProcessRef<TRef> => TRef.FromPid(Names.Whereis(name));

    /// <summary>Sends <paramref name="message"/> to the process registered as <paramref name="name"/>; dropped if none.</summary>
    public void Send(string name, object message) => Names.Whereis(name).Send(message);

    /// <summary>Sends an exit signal to <paramref name="target"/> from outside any process (OTP <c>exit/2</c>).</summary>
    public void Exit(Pid target, ExitReason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        Process.SendExit(Process.Current?.Pid ?? Pid.None, target, reason);
    }

    /// <summary>Sends <paramref name="message"/> to <paramref name="target"/> after <paramref name="delay"/> (OTP <c>send_after</c>), on the node's shared timer.</summary>
    /// <exception cref="ObjectDisposedException">The node has been disposed (its timers are stopped).</exception>
    public TimerRef SendAfter(Pid target, TimeSpan delay, object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        ThrowIfStopped();
        if (delay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "A timer delay cannot be negative.");
        }

        var entry = new SendAfterTimer(target, message) { DueMs = Clock.DueAfter(delay) };
        Timers.Schedule(entry);
        return new TimerRef(entry);
    }

    /// <summary>
    /// Completes with the exit reason of <paramref name="pid"/> once it has exited (at once if it already has;
    /// <see cref="ExitReason.NoProc"/> for a pid that is not a local process). For code outside processes, such as hosts and tests.
    /// </summary>
    public Task<ExitReason> WhenExited(Pid pid) => pid.Process?.WhenExited() ?? Task.FromResult(ExitReason.NoProc);

    internal void OnSpawned(Process process)
    {
        _processes[process.Pid.Id] = process;
        Interlocked.Increment(ref _processCount);
    }

    internal void OnExited(Process process)
    {
        _processes.TryRemove(process.Pid.Id, out _);
        Interlocked.Decrement(ref _processCount);
    }

    internal void ThrowIfStopped()
    {
        if (Volatile.Read(ref _stopped) != 0)
        {
            throw new ObjectDisposedException(nameof(ArborNode), "The node has been stopped.");
        }
    }

    /// <summary>
    /// Shuts the node down and returns when that is done: no new process can start; every process that has no live
    /// parent is asked to stop with <c>shutdown</c> (terminate runs, a supervisor stops its children in order); after
    /// <see cref="ArborNodeOptions.ShutdownTimeout"/> whatever still runs is killed. Every call to a process of this node
    /// fails with <see cref="ProcessExitedException"/>, the node's timers are stopped and its distribution
    /// connections closed. Calling it again waits for the first disposal.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            await _disposed.Task.ConfigureAwait(false);
            return;
        }

        try
        {
            await LeaveClusterAsync().ConfigureAwait(false);
            await NodeShutdown.RunAsync(this, _shutdownTimeout).ConfigureAwait(false);
        }
        finally
        {
            try
            {
                if (Distribution is { } distribution)
                {
                    await distribution.DisposeAsync().ConfigureAwait(false);
                }
            }
            finally
            {
                Timers.Dispose();
                Scheduling.Dispose();
                _disposed.TrySetResult();
            }
        }
    }

    /// <summary>The processes alive on this node (a snapshot).</summary>
    internal ICollection<Process> LiveProcesses => _processes.Values;
}
