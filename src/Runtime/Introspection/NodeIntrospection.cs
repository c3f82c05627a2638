using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Introspection.Remote;
using Arbor.Scheduling;

namespace Arbor.Introspection;

/// <summary>
/// Read-only views of a running node for dashboards, tests and tools (OTP's <c>processes/0</c>, <c>process_info</c>,
/// <c>supervisor:which_children</c> and the observer's counters), from <see cref="ArborNode.Introspection"/>.
/// </summary>
/// <remarks>
/// Nothing here costs the node anything until it is called: the process table, tree and counters are built on demand
/// from the node's own bookkeeping. Per-process work (messages handled, time in turns) is only counted while an
/// <see cref="Observe"/> observation is open; without one, a process's turn pays a single static read. Every method is
/// safe from any thread and never asks a process anything, except the tree, which asks each supervisor (with a timeout).
/// </remarks>
public sealed partial class NodeIntrospection
{
    /// <summary>The most queued messages counted per process when listing (counting walks the mailbox).</summary>
    public const int ListQueueCap = 100_000;

    /// <summary>The registered name of a node's introspection service (<see cref="ServeRemoteAsync"/>).</summary>
    public const string RemoteServiceName = "arbor_introspection";

    private readonly ArborNode _node;
    private long _messagesHandled;
    private long _restarts;

    internal NodeIntrospection(ArborNode node) => _node = node;

    internal CrashLog Crashes { get; } = new();

    /// <summary>
    /// Starts counting, for every process, the messages it handles and the time it spends in its turns, until the returned
    /// observation is disposed. Observations stack; counting stops when the last one is disposed. Counts start at the first
    /// observation (a process's earlier work is not known).
    /// </summary>
    public Observation Observe() => new();

    /// <summary>
    /// The pids of every process alive on this node, in start order (a snapshot: processes may start or exit right after).
    /// Cheap enough to call often: it copies the node's process table, nothing more.
    /// </summary>
    public IReadOnlyList<Pid> LiveProcesses()
    {
        var pids = new List<Pid>(_node.ProcessCount);
        foreach (var (_, process) in _node.ProcessTable)
        {
            if (process.IsAlive)
            {
                pids.Add(process.Pid);
            }
        }

        pids.Sort();
        return pids;
    }

    /// <summary>
    /// The live process whose <see cref="Pid.Id"/> is <paramref name="id"/>, or <see cref="Pid.None"/> (for tools that get
    /// pids as text or numbers, such as a dashboard's links).
    /// </summary>
    public Pid FindProcess(long id) => _node.FindLiveProcess(id) is { } process ? process.Pid : Pid.None;

    /// <summary>
    /// One page of the process table: every live process filtered, sorted and windowed by <paramref name="query"/>. The
    /// table is walked once without locks, reading only the sort column of each process (a mailbox is counted, up to
    /// <see cref="ListQueueCap"/>, only when sorting by mailbox depth); full rows are built for the page alone, and the
    /// page is kept with a heap the size of <c>Offset + Limit</c>, so the cost grows with the number of processes and the
    /// log of the window, not with a full sort.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The query's offset or limit is out of range.</exception>
    public ProcessPage ListProcesses(ProcessQuery? query = null)
    {
        query ??= new ProcessQuery();
        query.Validate();
        var filter = ProcessFilter.For(query.Filter);
        var window = new ProcessWindow(new ProcessOrder(query.SortBy, query.Descending), query.Offset, query.Limit);
        foreach (var (_, process) in _node.ProcessTable)
        {
            if (process.IsAlive && (filter is null || filter.Matches(process)))
            {
                window.Offer(ProcessSortValue.Of(process, query.SortBy));
            }
        }

        var page = window.Page();
        var running = page.Count == 0 ? null : RunningProcesses();
        var rows = new List<ProcessSummary>(page.Count);
        foreach (var process in page)
        {
            rows.Add(Summarize(process, running!.TryGetValue(process, out var handler) ? handler : null));
        }

        return new ProcessPage(window.Seen, rows, DateTimeOffset.UtcNow);
    }

    /// <summary>One process in full, or null when <paramref name="pid"/> is not a live process of this node.</summary>
    public ProcessDetails? GetProcess(Pid pid)
    {
        if (pid.Process is not { } process || !ReferenceEquals(process.Node, _node) || !process.IsAlive)
        {
            return null;
        }

        var turn = TurnWatchdog.Find(process);
        var (linked, monitoredBy, monitors) = process.SnapshotRelations();
        return new ProcessDetails(
            Summarize(process, turn?.Handler),
            process.Parent,
            process.MailboxLimit,
            process.TrapExit,
            linked,
            monitoredBy,
            monitors,
            turn is { } t ? new CurrentTurn(t.Handler, t.RunningFor, t.IsLong) : null,
            process.Behavior is { } behavior ? StateText.Of(behavior) : null,
            process.ExtrasIfAny?.PreviousExit);
    }

    /// <summary>
    /// The supervision trees of this node: every supervisor whose parent is not a supervisor of this node is a root, and
    /// each is asked for its children, child supervisors recursively. A supervisor that does not answer within
    /// <paramref name="timeoutPerSupervisor"/> (one second by default; busy restarting, or stuck) appears with
    /// <see cref="SupervisorSnapshot.Responded"/> false.
    /// </summary>
    public Task<IReadOnlyList<SupervisorSnapshot>> GetSupervisionTreeAsync(TimeSpan? timeoutPerSupervisor = null, CancellationToken cancellationToken = default) =>
        GetSupervisionTreeAsync(int.MaxValue, timeoutPerSupervisor, cancellationToken);

    /// <summary>
    /// The supervision trees as <see cref="GetSupervisionTreeAsync(TimeSpan?, CancellationToken)"/>, with at most
    /// <paramref name="maxChildrenPerSupervisor"/> children of each supervisor (the first in start order; the snapshot's
    /// <see cref="SupervisorSnapshot.ChildCount"/>, <see cref="SupervisorSnapshot.RunningCount"/> and
    /// <see cref="SupervisorSnapshot.TotalRestarts"/> still cover all of them). What a dashboard asks for every second: a
    /// dynamic supervisor with 100,000 children answers with a page of them, not all.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxChildrenPerSupervisor"/> is not positive.</exception>
    public async Task<IReadOnlyList<SupervisorSnapshot>> GetSupervisionTreeAsync(int maxChildrenPerSupervisor, TimeSpan? timeoutPerSupervisor = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxChildrenPerSupervisor);
        var timeout = timeoutPerSupervisor ?? TimeSpan.FromSeconds(1);
        var roots = new List<Process>();
        foreach (var (_, process) in _node.ProcessTable)
        {
            if (process.IsAlive && process.Behavior is SupervisorServerBase && !IsSupervisor(process.Parent))
            {
                roots.Add(process);
            }
        }

        roots.Sort(static (a, b) => a.Pid.CompareTo(b.Pid));
        var trees = new List<SupervisorSnapshot>(roots.Count);
        foreach (var root in roots)
        {
            trees.Add(await DescribeAsync(root, 0, maxChildrenPerSupervisor, timeout, depth: 0, cancellationToken).ConfigureAwait(false));
        }

        return trees;
    }

    /// <summary>
    /// One supervisor of this node with the children [<paramref name="childOffset"/>, <paramref name="childOffset"/> +
    /// <paramref name="childLimit"/>) in start order (child supervisors among them with their first
    /// <paramref name="childLimit"/> children), for paging through a large dynamic supervisor; null when
    /// <paramref name="supervisor"/> is not a live supervisor of this node.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The offset is negative or the limit not positive.</exception>
    public async Task<SupervisorSnapshot?> GetSupervisorAsync(Pid supervisor, int childOffset, int childLimit, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(childOffset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(childLimit);
        return supervisor.Process is { } process && ReferenceEquals(process.Node, _node) && process.IsAlive && process.Behavior is SupervisorServerBase
            ? await DescribeAsync(process, childOffset, childLimit, timeout ?? TimeSpan.FromSeconds(1), depth: 0, cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <summary>The node's counters now.</summary>
    public NodeCounters GetCounters() => new(
        DateTimeOffset.UtcNow,
        _node.ProcessCount,
        Interlocked.Read(ref _messagesHandled),
        Interlocked.Read(ref _restarts),
        Crashes.Total,
        GC.CollectionCount(0),
        GC.CollectionCount(1),
        GC.CollectionCount(2),
        GC.GetTotalMemory(forceFullCollection: false),
        Environment.WorkingSet,
        ThreadPool.ThreadCount,
        ThreadPool.PendingWorkItemCount,
        TurnWatchdog.HeldThreads,
        TurnWatchdog.LongTurnsRunning);

    /// <summary>
    /// The node's most recent crash and supervisor reports, newest first (at most 200; the same events the crash and
    /// supervisor reports write to <c>ILogger</c>, kept whether or not a logger is configured).
    /// </summary>
    public IReadOnlyList<CrashRecord> RecentCrashes() => Crashes.Snapshot();

    /// <summary>
    /// Starts this node's introspection service, registered as <see cref="RemoteServiceName"/>, so other nodes (a dashboard
    /// on another node, <see cref="OfNode"/>) can read this node's views over distribution. Read-only unless
    /// <paramref name="options"/> allow destructive actions. Started once: a second call leaves the running service (and
    /// its options) as they are. The service is a process of this node like any other (it shows in the process table).
    /// </summary>
    /// <exception cref="InvalidOperationException">The node is not distributed (it has no name), or the service failed to start.</exception>
    public async Task ServeRemoteAsync(RemoteIntrospectionOptions? options = null)
    {
        if (_node.NodeName is null)
        {
            throw new InvalidOperationException("Only a distributed node (ArborNodeOptions.Name) can serve its introspection to other nodes.");
        }

        options ??= new RemoteIntrospectionOptions();
        var started = await GenServer.StartAsync(_node, () => new IntrospectionServer(options), new StartOptions { Name = RemoteServiceName }).ConfigureAwait(false);
        if (started.Status == StartStatus.AlreadyStarted && started.Pid.Process?.Behavior is not IntrospectionServer)
        {
            throw new InvalidOperationException($"The name {RemoteServiceName} is held by {started.Pid}, which is not the introspection service.");
        }

        if (started.Status is not (StartStatus.Started or StartStatus.AlreadyStarted))
        {
            throw new InvalidOperationException($"The introspection service did not start: {started.Reason}.");
        }
    }

    /// <summary>
    /// The views of node <paramref name="nodeName"/> (a connected node serving its introspection, see
    /// <see cref="ServeRemoteAsync"/>), each call answered over distribution within <paramref name="timeout"/> (five seconds
    /// by default).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="nodeName"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">This node is not distributed.</exception>
    public RemoteNodeIntrospection OfNode(string nodeName, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeName);
        if (_node.NodeName is null)
        {
            throw new InvalidOperationException("Only a distributed node (ArborNodeOptions.Name) can read other nodes' introspection.");
        }

        return new RemoteNodeIntrospection(_node, nodeName, timeout ?? TimeSpan.FromSeconds(5));
    }

    internal void RecordHandled(int handled) => Interlocked.Add(ref _messagesHandled, handled);

    internal void RecordRestart() => Interlocked.Increment(ref _restarts);

    private bool IsSupervisor(Pid pid) =>
        pid.Process is { } process && ReferenceEquals(process.Node, _node) && process.Behavior is SupervisorServerBase;

    private async Task<SupervisorSnapshot> DescribeAsync(Process supervisor, int childOffset, int childLimit, TimeSpan timeout, int depth, CancellationToken cancellationToken)
    {
        SupervisorSnapshot own;
        try
        {
            own = await GenServer.CallAsync(supervisor.Pid, new DescribeSupervisorCall(childOffset, childLimit), timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (CallException)
        {
            return Unanswered(supervisor);
        }

        // Deep trees are cut off rather than followed without end (a tree this deep is a bug of its own).
        if (depth >= 64)
        {
            return own;
        }

        var children = new List<ChildSnapshot>(own.Children.Count);
        foreach (var child in own.Children)
        {
            if (child.Type == ChildType.Supervisor && child.Pid.Process is { } process && process.IsAlive && process.Behavior is SupervisorServerBase)
            {
                children.Add(child with { Supervisor = await DescribeAsync(process, 0, childLimit, timeout, depth + 1, cancellationToken).ConfigureAwait(false) });
            }
            else
            {
                children.Add(child);
            }
        }

        return own with { Children = children };
    }

    private static SupervisorSnapshot Unanswered(Process supervisor) =>
        new(supervisor.Pid, supervisor.RegisteredName, "unknown", 0, TimeSpan.Zero, Array.Empty<ChildSnapshot>(), Responded: false);

    private static ProcessSummary Summarize(Process process, string? handler)
    {
        var (links, monitoredBy) = process.CountLinksAndWatchers();
        var statistics = process.ExtrasIfAny?.Statistics;
        return new ProcessSummary(
            process.Pid,
            process.RegisteredName,
            process.Behavior?.GetType().Name,
            process.CountWaiting(ListQueueCap),
            statistics?.Handled ?? 0,
            statistics is null ? TimeSpan.Zero : Stopwatch.GetElapsedTime(0, statistics.BusyTicks),
            links,
            monitoredBy,
            handler);
    }

    /// <summary>The processes in a turn now, with what they handle: one look at each worker thread, not one per process.</summary>
    private static Dictionary<Process, string> RunningProcesses()
    {
        var running = new Dictionary<Process, string>(ReferenceEqualityComparer.Instance);
        foreach (var thread in WorkerThreadRegistry.All)
        {
            if (Volatile.Read(ref thread.InTurn) && Volatile.Read(ref thread.Current) is { } process)
            {
                running[process] = HandlerNames.Of(process.CurrentMessage, process.Behavior is not null);
            }
        }

        return running;
    }
}
