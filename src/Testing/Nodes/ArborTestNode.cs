using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Arbor.Testing;

/// <summary>
/// A node for one test: it captures the node's logs, starts children under a test supervisor that stops them when the test
/// ends (ExUnit's <c>start_supervised!</c>), creates probes, and on dispose fails the test if processes outlived it.
/// </summary>
/// <example>
/// <code>
/// await using var test = await ArborTestNode.StartAsync();
/// var counter = await test.StartSupervisedAsync&lt;CounterRef&gt;(Counter.ChildSpec(start: 0));
/// Assert.Equal(5, await counter.AddAsync(5));
/// </code>
/// </example>
/// <remarks>
/// Disposing runs, in order: the supervised children stop in reverse start order (by their own shutdown settings); the
/// probes stop; the <see cref="OnExit"/> callbacks run, last registered first; the leak check; the node stops. Every step
/// runs even when an earlier one failed, and the failures are thrown together at the end.
/// </remarks>
public sealed class ArborTestNode : IAsyncDisposable
{
    /// <summary>The test supervisor never gives up on a child (ExUnit's choice): the child's restart policy alone decides.</summary>
    private const int TestSupervisorMaxRestarts = 1_000_000;

    private readonly ArborTestNodeOptions _options;
    private readonly List<TestProbe> _probes = new();
    private readonly List<(Pid Pid, string Description)> _tracked = new();
    private readonly List<Func<ValueTask>> _onExit = new();
    private readonly SemaphoreSlim _supervisorStart = new(1, 1);
    private SupervisorRef? _supervisor;
    private int _disposed;

    private readonly VirtualTime? _time;

    private ArborTestNode(ArborNode node, LogCapture logs, ArborTestNodeOptions options, VirtualTime? time)
    {
        Node = node;
        Logs = logs;
        _options = options;
        _time = time;
    }

    /// <summary>The node: start processes on it as the code under test does.</summary>
    public ArborNode Node { get; }

    /// <summary>Everything the node logged (crash and supervisor reports), with assertions on it.</summary>
    public LogCapture Logs { get; }

    /// <summary>How long expectations wait when given no timeout.</summary>
    public TimeSpan ExpectTimeout => _options.ExpectTimeout;

    /// <summary>The node's virtual clock (with <see cref="ArborTestNodeOptions.VirtualTime"/> on).</summary>
    /// <exception cref="InvalidOperationException">The node runs on real time.</exception>
    public VirtualTime Time => _time ?? throw new InvalidOperationException(
        "This test node runs on real time; start it with new ArborTestNodeOptions { VirtualTime = true } to control time.");

    /// <summary>
    /// Moves the node's virtual clock forward by <paramref name="by"/>, one due time at a time: it waits until every
    /// process is quiet (so the timers processes set as they go idle are set), moves the clock to the next timer's due
    /// time, fires the timers due then, waits until the processes have handled what they sent, and goes on until
    /// <paramref name="by"/> has passed. A timer a process sets in reply to another (a heartbeat) therefore fires in the
    /// same advance when it falls due within it. An hour of timeouts passes in milliseconds, always in the same order.
    /// </summary>
    /// <exception cref="InvalidOperationException">The node runs on real time.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="by"/> is negative.</exception>
    /// <exception cref="ExpectationFailedException">The node did not settle within <see cref="ExpectTimeout"/> (a process kept busy).</exception>
    public async Task AdvanceAsync(TimeSpan by)
    {
        var time = Time;
        await time.AdvanceAsync(Node, by, ExpectTimeout).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits until the node is quiescent, by the runtime's exact count of in-flight work: no process running, scheduled or
    /// with mail waiting, and no reply, start result, exit notice or handler continuation on its way to a process. A
    /// process parked on an async handler that awaits something outside the node (I/O, a gate the test holds) counts as
    /// quiet until that completes.
    /// </summary>
    /// <exception cref="ExpectationFailedException">The node did not settle within <see cref="ExpectTimeout"/>.</exception>
    public Task SettleAsync() => Quiescence.WaitAsync(Node, ExpectTimeout);

    /// <summary>Starts a node for one test; dispose it at the end of the test (<c>await using</c>).</summary>
    public static async Task<ArborTestNode> StartAsync(ArborTestNodeOptions? options = null)
    {
        options ??= new ArborTestNodeOptions();
        var logs = new LogCapture(options.LogOutput, options.MinimumLogLevel) { DefaultTimeout = options.ExpectTimeout };
        var time = options.VirtualTime ? new VirtualTime() : null;
        var node = await ArborNode.StartAsync(new ArborNodeOptions
        {
            LoggerFactory = new CapturingLoggerFactory(logs),
            CrashReportDetail = options.CrashReportDetail,
            TimeProvider = (TimeProvider?)time ?? TimeProvider.System,
            TrackInFlightWork = true,
        }).ConfigureAwait(false);
        return new ArborTestNode(node, logs, options, time);
    }

    /// <summary>
    /// Starts <paramref name="spec"/> under the test supervisor and waits until it has started (ExUnit's
    /// <c>start_supervised!</c>). It is restarted as its restart policy says, and stopped when the test ends, before the
    /// <see cref="OnExit"/> callbacks; children stop in reverse start order.
    /// </summary>
    /// <returns>The child's pid.</returns>
    /// <exception cref="ChildStartException">The child failed to start, or a child with the same id is already supervised.</exception>
    /// <exception cref="InvalidChildSpecException">The spec is invalid.</exception>
    public async Task<Pid> StartSupervisedAsync(ChildSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var supervisor = await TestSupervisorAsync().ConfigureAwait(false);
        var result = await supervisor.StartChildAsync(spec).ConfigureAwait(false);
        return result.EnsureStarted(spec.Id);
    }

    /// <summary>Starts <paramref name="spec"/> under the test supervisor (see <see cref="StartSupervisedAsync(ChildSpec)"/>) and returns a typed client for it.</summary>
    /// <typeparam name="TRef">The client type, for example a generated <c>CounterRef</c>.</typeparam>
    public async Task<TRef> StartSupervisedAsync<TRef>(ChildSpec spec)
        where TRef : struct, IProcessRef<TRef> => TRef.FromPid(await StartSupervisedAsync(spec).ConfigureAwait(false));

    /// <summary>Stops the supervised child <paramref name="id"/> by its shutdown setting and forgets it (ExUnit's <c>stop_supervised!</c>).</summary>
    /// <exception cref="ExpectationFailedException">No child with that id is supervised.</exception>
    public async Task StopSupervisedAsync(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var supervisor = _supervisor;
        if (supervisor is null || await supervisor.Value.TerminateChildAsync(id).ConfigureAwait(false) != TerminateChildResult.Terminated)
        {
            throw new ExpectationFailedException($"No child '{id}' is supervised by this test node.");
        }

        await supervisor.Value.DeleteChildAsync(id).ConfigureAwait(false);
    }

    /// <summary>Starts a <see cref="TestProbe"/>, stopped when the test ends.</summary>
    /// <param name="name">A name to register it under, to stand in for a named collaborator; none by default.</param>
    /// <param name="trapExit">Whether it traps exits from the start (for <see cref="TestProbe.ExpectExitAsync"/>).</param>
    public async Task<TestProbe> CreateProbeAsync(string? name = null, bool trapExit = false)
    {
        var probe = await TestProbe.StartAsync(Node, name, trapExit, ExpectTimeout).ConfigureAwait(false);
        lock (_probes)
        {
            _probes.Add(probe);
        }

        return probe;
    }

    /// <summary>
    /// Tells the kit about a process the test started itself and expects to be gone by the end of the test: if it is still
    /// alive then, the leak report names it with <paramref name="description"/> (its type, say) and the kit kills it.
    /// </summary>
    public Pid Track(Pid pid, string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        lock (_tracked)
        {
            _tracked.Add((pid, description));
        }

        return pid;
    }

    /// <summary>
    /// Registers cleanup to run when the test ends, after the supervised children and probes have stopped (ExUnit's
    /// <c>on_exit</c>); callbacks run last registered first.
    /// </summary>
    public void OnExit(Func<ValueTask> cleanup)
    {
        ArgumentNullException.ThrowIfNull(cleanup);
        lock (_onExit)
        {
            _onExit.Add(cleanup);
        }
    }

    /// <summary>
    /// Stops everything the test started through the kit, runs the <see cref="OnExit"/> callbacks, checks for leaked
    /// processes and stops the node.
    /// </summary>
    /// <exception cref="LeakedProcessesException">Processes were still alive at the end (when <see cref="ArborTestNodeOptions.FailOnLeakedProcesses"/> is on).</exception>
    /// <exception cref="AggregateException">Several steps failed; each failure is inside.</exception>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        var failures = new List<Exception>();
        await StopSupervisedChildrenAsync(failures).ConfigureAwait(false);
        await StopProbesAsync(failures).ConfigureAwait(false);
        await RunOnExitAsync(failures).ConfigureAwait(false);
        await CheckLeaksAsync(failures).ConfigureAwait(false);
        await Node.DisposeAsync().ConfigureAwait(false);
        _supervisorStart.Dispose();

        if (failures.Count == 1)
        {
            throw failures[0];
        }

        if (failures.Count > 1)
        {
            throw new AggregateException("Several steps of the test node's cleanup failed.", failures);
        }
    }

    private async Task<SupervisorRef> TestSupervisorAsync()
    {
        if (_supervisor is { } started)
        {
            return started;
        }

        await _supervisorStart.WaitAsync().ConfigureAwait(false);
        try
        {
            _supervisor ??= await Node.StartSupervisorAsync(new SupervisorOptions
            {
                Strategy = Strategy.OneForOne,
                MaxRestarts = TestSupervisorMaxRestarts,
                Within = TimeSpan.FromSeconds(1),
            }).ConfigureAwait(false);
            return _supervisor.Value;
        }
        finally
        {
            _supervisorStart.Release();
        }
    }

    private async Task StopSupervisedChildrenAsync(List<Exception> failures)
    {
        if (_supervisor is not { } supervisor)
        {
            return;
        }

        try
        {
            // Children stop by their own shutdown settings, so the stop waits as long as they are allowed to take.
            await supervisor.StopAsync(ExitReason.Shutdown, Timeout.InfiniteTimeSpan).ConfigureAwait(false);
        }
        catch (NoProcessException)
        {
            // The test stopped or killed the test supervisor itself: its children went with it.
        }
        catch (ProcessExitedException)
        {
            // Same, caught while it was exiting.
        }
        catch (Exception exception)
        {
            failures.Add(exception);
        }

        await Node.WhenExited(supervisor.Pid).ConfigureAwait(false);
    }

    private async Task StopProbesAsync(List<Exception> failures)
    {
        TestProbe[] probes;
        lock (_probes)
        {
            probes = _probes.ToArray();
        }

        foreach (var probe in probes.Reverse())
        {
            try
            {
                await probe.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                failures.Add(exception);
            }
        }
    }

    private async Task RunOnExitAsync(List<Exception> failures)
    {
        Func<ValueTask>[] callbacks;
        lock (_onExit)
        {
            callbacks = _onExit.ToArray();
        }

        foreach (var callback in callbacks.Reverse())
        {
            try
            {
                await callback().ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                failures.Add(exception);
            }
        }
    }

    private async Task CheckLeaksAsync(List<Exception> failures)
    {
        if (!_options.FailOnLeakedProcesses)
        {
            return;
        }

        var alive = await ExitSettling.AliveAfterSettlingAsync(Node, _options.LeakQuietPeriod).ConfigureAwait(false);
        if (alive == 0)
        {
            return;
        }

        // Every live process is named: by the description the test gave it (Track), else by the type it runs.
        Dictionary<Pid, string> descriptions;
        lock (_tracked)
        {
            descriptions = _tracked.GroupBy(t => t.Pid).ToDictionary(g => g.Key, g => g.Last().Description);
        }

        var leaked = Node.Introspection.LiveProcesses()
            .Select(pid => (Pid: pid, Description: descriptions.TryGetValue(pid, out var described) ? described : TypeOf(pid)))
            .ToArray();
        if (leaked.Length == 0)
        {
            return;
        }

        var untracked = leaked.Count(p => !descriptions.ContainsKey(p.Pid));
        var hint = untracked == 0
            ? string.Empty
            : "\nStart processes with StartSupervisedAsync, or stop them (and await their exit) before the test ends.";
        failures.Add(new LeakedProcessesException(
            $"{leaked.Length} process{(leaked.Length == 1 ? " was" : "es were")} still alive when the test ended:" +
            Render.List(leaked, p => $"{p.Pid} ({p.Description})", string.Empty) + hint,
            leaked.Select(p => p.Pid).ToArray(),
            leaked.Length));

        // Leave the node clean: the leaked processes are killed (the node's own shutdown would stop them anyway).
        foreach (var (pid, _) in leaked)
        {
            Node.Exit(pid, ExitReason.Kill);
            await Node.WhenExited(pid).ConfigureAwait(false);
        }
    }

    /// <summary>The type a live process runs, as the leak report names it (<c>not initialised</c> before its init has run, <c>exited</c> once gone).</summary>
    private string TypeOf(Pid pid)
    {
        if (Node.Introspection.GetProcess(pid) is not { } details)
        {
            return "exited";
        }

        var type = details.Summary.Behavior ?? "not initialised";
        var tick = type.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? type : type[..tick];
    }
}
