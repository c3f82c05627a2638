using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Arbor;
using Arbor.Introspection;
using Arbor.Supervision.Tests.Support;

namespace Arbor.Supervision.Tests.Introspection;

/// <summary>The public introspection API the dashboard is built on: process table, process details, tree, counters, crash log.</summary>
public sealed class IntrospectionTests
{
    private static async Task<(SupervisorRef Root, EventLog Log)> StartTreeAsync(ArborNode node)
    {
        var log = new EventLog();
        var inner = Supervisor.ChildSpec("inner", new SupervisorOptions
        {
            Name = "inner",
            Strategy = Strategy.RestForOne,
            Children = new[] { log.Plan("leaf").Spec(Restart.Transient) },
        });
        var rootPlan = log.Plan("alpha");
        rootPlan.Name = "alpha";
        var root = await node.StartSupervisorAsync(new SupervisorOptions
        {
            Name = "intro-root",
            Strategy = Strategy.OneForOne,
            MaxRestarts = 7,
            Within = TimeSpan.FromSeconds(9),
            Children = new[] { rootPlan.Spec(), inner },
        });
        await log.TakeAsync(2);
        return (root, log);
    }

    [Fact]
    public async Task The_tree_snapshot_shows_strategies_children_restart_types_and_nested_supervisors()
    {
        await using var node = await ArborNode.StartAsync();
        var (root, _) = await StartTreeAsync(node);

        var trees = await node.Introspection.GetSupervisionTreeAsync().Within();

        var tree = Assert.Single(trees);
        Assert.Equal(root.Pid, tree.Pid);
        Assert.Equal("intro-root", tree.Name);
        Assert.Equal("OneForOne", tree.Strategy);
        Assert.Equal(7, tree.MaxRestarts);
        Assert.Equal(TimeSpan.FromSeconds(9), tree.Within);
        Assert.True(tree.Responded);
        Assert.Equal(new[] { "alpha", "inner" }, tree.Children.Select(c => c.Id));
        var alpha = tree.Children[0];
        Assert.Equal((ChildState.Running, ChildType.Worker, Restart.Permanent, 0), (alpha.State, alpha.Type, alpha.Restart, alpha.Restarts));
        Assert.Equal(node.Whereis("alpha"), alpha.Pid);
        Assert.Null(alpha.Supervisor);
        var inner = tree.Children[1].Supervisor;
        Assert.NotNull(inner);
        Assert.Equal("RestForOne", inner.Strategy);
        var leaf = Assert.Single(inner.Children);
        Assert.Equal(("leaf", Restart.Transient), (leaf.Id, leaf.Restart));
        await root.StopAsync().Within();
    }

    [Fact]
    public async Task A_crash_is_counted_as_a_restart_with_its_reason_in_the_tree_the_process_and_the_crash_log()
    {
        await using var node = await ArborNode.StartAsync();
        var (root, log) = await StartTreeAsync(node);
        var before = node.Introspection.GetCounters();
        var first = node.Whereis("alpha");

        Worker.Throw(first);
        var restarted = await log.StartedAsync("alpha", 2);

        var alpha = (await node.Introspection.GetSupervisionTreeAsync().Within())[0].Children[0];
        Assert.Equal(1, alpha.Restarts);
        Assert.Equal(restarted.Pid, alpha.Pid);
        Assert.Contains("worker failure", alpha.LastExit!.Reason, StringComparison.Ordinal);
        var details = node.Introspection.GetProcess(restarted.Pid);
        Assert.Contains("worker failure", details!.LastCrash!.Reason, StringComparison.Ordinal);

        var crashes = node.Introspection.RecentCrashes();
        Assert.Contains(crashes, c => c.Kind == CrashKind.ProcessCrashed && c.Pid == first && c.Name == "alpha" && c.Behavior == "Worker");
        Assert.Contains(crashes, c => c.Kind == CrashKind.ChildTerminated && c.Pid == first && c.ChildId == "alpha" && c.Supervisor == root.Pid);
        var after = node.Introspection.GetCounters();
        Assert.Equal(1, after.Restarts - before.Restarts);
        Assert.Equal(2, after.Crashes - before.Crashes); // the crash report and the supervisor report
        await root.StopAsync().Within();
    }

    [Fact]
    public async Task The_process_table_sorts_by_mailbox_depth_filters_by_name_and_pages()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var plans = Enumerable.Range(0, 5).Select(i => log.Plan("p" + i)).ToArray();
        foreach (var plan in plans)
        {
            plan.Name = "table-" + plan.Id;
        }

        var root = await node.StartSupervisorAsync(new SupervisorOptions { Children = plans.Select(p => p.Spec()).ToArray() });
        await log.TakeAsync(5);
        using var gate = new ManualResetEventSlim();
        var flooded = node.Whereis("table-p3");
        GenServer.Cast(flooded, new Do(_ => gate.Wait()));
        for (var i = 0; i < 40; i++)
        {
            GenServer.Cast(flooded, new Do(_ => { }));
        }

        try
        {
            var page = node.Introspection.ListProcesses(new ProcessQuery { SortBy = ProcessSortKey.MailboxDepth, Descending = true, Limit = 3 });
            Assert.Equal(flooded, page.Rows[0].Pid);
            Assert.InRange(page.Rows[0].MailboxDepth, 40, 41);
            Assert.Equal(3, page.Rows.Count);
            Assert.Equal(node.ProcessCount, page.Total);

            var filtered = node.Introspection.ListProcesses(new ProcessQuery { Filter = "TABLE-", SortBy = ProcessSortKey.Name });
            Assert.Equal(plans.Select(p => "table-" + p.Id), filtered.Rows.Select(r => r.RegisteredName));
            Assert.All(filtered.Rows, r => Assert.Equal("Worker", r.Behavior));

            var second = node.Introspection.ListProcesses(new ProcessQuery { Filter = "table-", SortBy = ProcessSortKey.Name, Offset = 4, Limit = 2 });
            Assert.Equal((5, "table-p4"), (second.Total, Assert.Single(second.Rows).RegisteredName));
        }
        finally
        {
            gate.Set();
        }

        await root.StopAsync().Within();
    }

    [Fact]
    public async Task A_bad_page_is_refused_with_a_clear_error()
    {
        await using var node = await ArborNode.StartAsync();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => node.Introspection.ListProcesses(new ProcessQuery { Limit = 0 }));
        Assert.Contains("Limit", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => node.Introspection.ListProcesses(new ProcessQuery { Offset = -1 }));
    }

    [Fact]
    public async Task Process_details_show_links_monitors_trap_exit_state_and_the_running_handler()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var plan = log.Plan("watched");
        plan.Name = "watched";
        var root = await node.StartSupervisorAsync(new SupervisorOptions { Children = new[] { plan.Spec() } });
        await log.TakeAsync(1);
        var pid = node.Whereis("watched");
        var watcher = (await GenServer.StartAsync(node, () => new Worker(log.Plan("watcher"), Array.Empty<object?>()))).Pid;
        await log.TakeAsync(1);
        using var monitored = new SemaphoreSlim(0);
        GenServer.Cast(watcher, new Do(w => { w.MonitorFromTest(pid); monitored.Release(); }));
        await monitored.WaitAsync().Within();

        using var gate = new ManualResetEventSlim();
        using var entered = new SemaphoreSlim(0);
        GenServer.Cast(pid, new Do(_ => { entered.Release(); gate.Wait(); }));
        await entered.WaitAsync().Within();
        try
        {
            var details = node.Introspection.GetProcess(pid)!;
            Assert.Equal(root.Pid, details.Parent);
            Assert.Equal(new[] { root.Pid }, details.LinkedWith);
            Assert.Equal(new[] { watcher }, details.MonitoredBy);
            Assert.True(details.TrapExit);
            Assert.Equal("watched", details.Summary.RegisteredName);
            Assert.Contains("Worker", details.State, StringComparison.Ordinal);
            Assert.Null(details.LastCrash);
            Assert.Equal(1, node.Introspection.GetProcess(watcher)!.Monitors);
            // The turn is seen from the worker threads; the handler's name is the cast's message type.
            Assert.Contains("cast", details.Summary.CurrentHandler, StringComparison.Ordinal);
        }
        finally
        {
            gate.Set();
        }

        Assert.Null(node.Introspection.GetProcess(Pid.None));
        await root.StopAsync().Within();
        Assert.Null(node.Introspection.GetProcess(pid));
        Assert.Equal(Pid.None, node.Introspection.FindProcess(pid.Id));
    }

    [Fact]
    public async Task While_observed_processes_count_messages_handled_and_time_in_turns()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var before = node.Introspection.GetCounters().MessagesHandled;
        Pid pid;

        // Observed from before the start: a turn counts only if it began while observed, and a turn that began earlier (init's)
        // may go on to handle the first call.
        using (node.Introspection.Observe())
        {
            pid = (await GenServer.StartAsync(node, () => new Worker(log.Plan("busy"), Array.Empty<object?>()))).Pid;
            for (var i = 0; i < 20; i++)
            {
                Assert.Equal("busy#1", await GenServer.CallAsync(pid, new Ping()).Within());
            }
        }

        // A turn's counts are added when it ends, just after the reply that woke the test: wait for the last one. The wait
        // runs on the pool: this continuation may have been run inside that very turn (a call's reply hands off to its caller).
        await Task.Run(() => Patience.UntilAsync(() => node.Introspection.GetProcess(pid)!.Summary.MessagesHandled >= 20, $"the 20 calls are counted ({node.Introspection.GetProcess(pid)!.Summary})"));
        var row = node.Introspection.ListProcesses(new ProcessQuery { SortBy = ProcessSortKey.MessagesHandled, Descending = true, Limit = 1000 })
            .Rows.Single(r => r.Pid == pid);
        Assert.InRange(row.MessagesHandled, 20, long.MaxValue);
        Assert.True(row.BusyTime > TimeSpan.Zero);
        Assert.InRange(node.Introspection.GetCounters().MessagesHandled - before, 20, long.MaxValue);
        Assert.Equal(row.MessagesHandled, node.Introspection.GetProcess(pid)!.Summary.MessagesHandled);
    }

    [Fact]
    public async Task The_live_process_list_names_every_live_process_and_forgets_exited_ones()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var a = (await GenServer.StartAsync(node, () => new Worker(log.Plan("a"), Array.Empty<object?>()))).Pid;
        var b = (await GenServer.StartAsync(node, () => new Worker(log.Plan("b"), Array.Empty<object?>()))).Pid;
        Assert.Equal(new[] { a, b }, node.Introspection.LiveProcesses());
        Assert.Equal(a, node.Introspection.FindProcess(a.Id));

        node.Exit(a, ExitReason.Kill);
        await node.WhenExited(a).Within();
        await Patience.UntilAsync(() => node.Introspection.LiveProcesses().SequenceEqual(new[] { b }), "the killed process leaves the list");
    }

    [Fact]
    public async Task Counters_report_processes_memory_and_threads()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        await GenServer.StartAsync(node, () => new Worker(log.Plan("a"), Array.Empty<object?>()));
        var counters = node.Introspection.GetCounters();
        Assert.Equal(1, counters.ProcessCount);
        Assert.True(counters.ManagedMemoryBytes > 0);
        Assert.True(counters.WorkingSetBytes > 0);
        Assert.True(counters.ThreadPoolThreads > 0);
    }
}
