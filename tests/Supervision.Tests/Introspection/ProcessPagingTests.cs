using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Arbor;
using Arbor.Introspection;
using Arbor.Protocol;
using Arbor.Supervision.Tests.Support;

namespace Arbor.Supervision.Tests.Introspection;

/// <summary>
/// The process table's pages are chosen from each process's sort value with a bounded heap, and a supervisor answers with a
/// window of its children: paging through either must give exactly what one full, sorted read gives.
/// </summary>
public sealed class ProcessPagingTests
{
    private sealed class Idle : GenServer
    {
    }

    private sealed class Other : GenServer
    {
    }

    [Fact]
    public async Task Every_page_in_every_order_is_the_matching_slice_of_the_full_order()
    {
        await using var node = await ArborNode.StartAsync();
        var random = new Random(18);
        for (var i = 0; i < 240; i++)
        {
            // Names out of start order, a third unnamed, two behaviours: ties everywhere, broken by pid.
            var name = i % 3 == 0 ? null : $"p{random.Next(1000):000}-{i}";
            Func<GenServer> factory = i % 2 == 0 ? () => new Idle() : () => new Other();
            (await GenServer.StartAsync(node, factory, new StartOptions { Name = name })).EnsureStarted("process");
        }

        foreach (var key in Enum.GetValues<ProcessSortKey>())
        {
            foreach (var descending in new[] { false, true })
            {
                var all = node.Introspection.ListProcesses(new ProcessQuery { SortBy = key, Descending = descending, Limit = ProcessQuery.MaxLimit });
                Assert.Equal(node.ProcessCount, all.Rows.Count);
                var paged = new List<Pid>();
                for (var offset = 0; offset < all.Total + 37; offset += 37)
                {
                    var page = node.Introspection.ListProcesses(new ProcessQuery { SortBy = key, Descending = descending, Offset = offset, Limit = 37 });
                    Assert.Equal(all.Total, page.Total);
                    paged.AddRange(page.Rows.Select(r => r.Pid));
                }

                Assert.Equal(all.Rows.Select(r => r.Pid), paged);
            }
        }

        var byName = node.Introspection.ListProcesses(new ProcessQuery { SortBy = ProcessSortKey.Name, Limit = ProcessQuery.MaxLimit }).Rows;
        var expected = byName.OrderBy(r => r.RegisteredName is null).ThenBy(r => r.RegisteredName, StringComparer.Ordinal).ThenBy(r => r.Pid).Select(r => r.Pid);
        Assert.Equal(expected, byName.Select(r => r.Pid));
        var byBehaviorDescending = node.Introspection.ListProcesses(new ProcessQuery { SortBy = ProcessSortKey.Behavior, Descending = true, Limit = 2 }).Rows;
        Assert.All(byBehaviorDescending, r => Assert.Equal("Other", r.Behavior));
    }

    [Fact]
    public async Task A_filter_matches_pids_names_and_behaviours_and_counts_only_its_matches()
    {
        await using var node = await ArborNode.StartAsync();
        var named = (await GenServer.StartAsync(node, () => new Idle(), new StartOptions { Name = "needle" })).Pid;
        for (var i = 0; i < 20; i++)
        {
            (await GenServer.StartAsync(node, () => new Other())).EnsureStarted("process");
        }

        Assert.Equal(named, Assert.Single(node.Introspection.ListProcesses(new ProcessQuery { Filter = "NEEDLE" }).Rows).Pid);
        Assert.Equal(named, Assert.Single(node.Introspection.ListProcesses(new ProcessQuery { Filter = "idle" }).Rows).Pid);
        Assert.Equal(named, Assert.Single(node.Introspection.ListProcesses(new ProcessQuery { Filter = named.ToString() }).Rows).Pid);
        Assert.Equal(node.ProcessCount, node.Introspection.ListProcesses(new ProcessQuery { Filter = "<0." }).Total);
        Assert.Equal(0, node.Introspection.ListProcesses(new ProcessQuery { Filter = "nothing-like-this" }).Total);
    }

    [Fact]
    public async Task A_supervisor_answers_with_the_window_of_children_asked_for_and_totals_over_all()
    {
        await using var node = await ArborNode.StartAsync();
        await node.StartSupervisorAsync(new SupervisorOptions
        {
            Name = "paging-root",
            Children = [DynamicSupervisor.ChildSpec("dyn", new DynamicSupervisorOptions { Name = "dyn" })],
        });
        var dyn = node.Whereis<DynamicSupervisorRef>("dyn");
        var children = new List<Pid>();
        for (var i = 0; i < 30; i++)
        {
            children.Add((await dyn.StartChildAsync(new ChildSpec("w", context => GenServer.StartAsync(context.Node, () => new Idle(), new StartOptions { Link = true })))).EnsureStarted("child"));
        }

        var window = await node.Introspection.GetSupervisorAsync(node.Whereis("dyn"), childOffset: 10, childLimit: 5).Within();
        Assert.NotNull(window);
        Assert.Equal(children.Skip(10).Take(5), window.Children.Select(c => c.Pid));
        Assert.Equal((30, 10, 30, 0L), (window.ChildCount, window.ChildOffset, window.RunningCount, window.TotalRestarts));

        var past = await node.Introspection.GetSupervisorAsync(node.Whereis("dyn"), childOffset: 100, childLimit: 5).Within();
        Assert.Empty(past!.Children);
        Assert.Equal(30, past.ChildOffset);

        var tree = await node.Introspection.GetSupervisionTreeAsync(maxChildrenPerSupervisor: 4).Within();
        var nested = Assert.Single(tree).Children[0].Supervisor!;
        Assert.Equal(children.Take(4), nested.Children.Select(c => c.Pid));
        Assert.Equal(30, nested.ChildCount);

        Assert.Null(await node.Introspection.GetSupervisorAsync(children[0], 0, 5).Within());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => node.Introspection.GetSupervisorAsync(node.Whereis("dyn"), -1, 5));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => node.Introspection.GetSupervisionTreeAsync(maxChildrenPerSupervisor: 0));
    }
}
