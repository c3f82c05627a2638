using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
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
        foreach (var process in _node.LiveProcesses)
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
    /// work grows with the number of processes (each is looked at once; mailboxes are counted up to
    /// <see cref="ListQueueCap"/>), not with the page size.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The query's offset or limit is out of range.</exception>
    public ProcessPage ListProcesses(ProcessQuery? query = null)
    {
        query ??= new ProcessQuery();
        query.Validate();
        var running = RunningProcesses();
        var rows = new List<ProcessSummary>(_node.ProcessCount);
        var filter = string.IsNullOrEmpty(query.Filter) ? null : query.Filter;
        foreach (var process in _node.LiveProcesses)
        {
            if (!process.IsAlive || (filter is not null && !Matches(process, filter)))
            {
                continue;
            }

            rows.Add(Summarize(process, running.TryGetValue(process, out var handler) ? handler : null));
        }

        rows.Sort(ProcessOrder.For(query.SortBy, query.Descending));
        var start = Math.Min(query.Offset, rows.Count);
        var count = Math.Min(query.Limit, rows.Count - start);
        return new ProcessPage(rows.Count, rows.GetRange(start, count), DateTimeOffset.UtcNow);
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
    public async Task<IReadOnlyList<SupervisorSnapshot>> GetSupervisionTreeAsync(TimeSpan? timeoutPerSupervisor = null, CancellationToken cancellationToken = default)
    {
        var timeout = timeoutPerSupervisor ?? TimeSpan.FromSeconds(1);
        var roots = new List<Process>();
        foreach (var process in _node.LiveProcesses)
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
            trees.Add(await DescribeAsync(root, timeout, depth: 0, cancellationToken).ConfigureAwait(false));
        }

        return trees;
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

    internal void RecordHandled(int handled) => Interlocked.Add(ref _messagesHandled, handled);

    internal void RecordRestart() => Interlocked.Increment(ref _restarts);

    private bool IsSupervisor(Pid pid) =>
        pid.Process is { } process && ReferenceEquals(process.Node, _node) && process.Behavior is SupervisorServerBase;

    private async Task<SupervisorSnapshot> DescribeAsync(Process supervisor, TimeSpan timeout, int depth, CancellationToken cancellationToken)
    {
        SupervisorSnapshot own;
        try
        {
            own = await GenServer.CallAsync(supervisor.Pid, new DescribeSupervisorCall(), timeout, cancellationToken).ConfigureAwait(false);
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
                children.Add(child with { Supervisor = await DescribeAsync(process, timeout, depth + 1, cancellationToken).ConfigureAwait(false) });
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

    private static bool Matches(Process process, string filter) =>
        process.Pid.ToString().Contains(filter, StringComparison.OrdinalIgnoreCase) ||
        (process.RegisteredName?.Contains(filter, StringComparison.OrdinalIgnoreCase) ?? false) ||
        (process.Behavior?.GetType().Name.Contains(filter, StringComparison.OrdinalIgnoreCase) ?? false);

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
