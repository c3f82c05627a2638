using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Dashboard.Tests.Support;

namespace Arbor.Dashboard.Tests.Endpoints;

/// <summary>
/// The dashboard on a node with 5,000 processes under one dynamic supervisor (the chat sample's shape): the process table
/// and the tree are served a page at a time, correctly. Correctness only; how fast is measured by hand (docs/dashboard.md).
/// </summary>
public sealed class LargeNodeTests
{
    private const int Workers = 5000;

    private static async Task<DashboardHost> StartLargeAsync()
    {
        var host = await DashboardHost.StartAsync();
        await host.Node.StartSupervisorAsync(new SupervisorOptions
        {
            Name = "app",
            Children = [DynamicSupervisor.ChildSpec("workers", new DynamicSupervisorOptions { Name = "workers" })],
        });
        var workers = host.Node.Whereis<DynamicSupervisorRef>("workers");
        for (var i = 0; i < Workers; i++)
        {
            (await workers.StartChildAsync(Probe.Spec($"w{i:0000}"))).EnsureStarted("worker");
        }

        return host;
    }

    [Fact]
    public async Task A_5000_process_node_serves_the_process_table_a_page_at_a_time_in_every_order()
    {
        await using var host = await StartLargeAsync();
        using var client = host.Client();
        var everyPid = host.Node.Introspection.LiveProcesses().Select(p => p.Id).ToList();
        Assert.True(everyPid.Count > Workers);

        var first = await Json.GetAsync(client, "arbor/api/processes");
        Assert.Equal(everyPid.Count, first.GetProperty("total").GetInt32());
        Assert.Equal(everyPid.Take(50), Ids(first));

        var last = await Json.GetAsync(client, $"arbor/api/processes?offset={everyPid.Count - 7}&limit=50");
        Assert.Equal(everyPid.TakeLast(7), Ids(last));

        // Names in ordinal order, unnamed processes last: app, w0000 ... w4999, workers.
        var names = new[] { "app", "workers" }.Concat(Enumerable.Range(0, Workers).Select(i => $"w{i:0000}")).Order(StringComparer.Ordinal).ToList();
        var byName = await Json.GetAsync(client, "arbor/api/processes?sort=Name&offset=100&limit=20");
        Assert.Equal(names.Skip(100).Take(20), Names(byName));
        var byNameDescending = await Json.GetAsync(client, "arbor/api/processes?sort=Name&desc=true&limit=3");
        Assert.Equal(["workers", "w4999", "w4998"], Names(byNameDescending));

        var filtered = await Json.GetAsync(client, "arbor/api/processes?filter=w12&sort=Name");
        Assert.Equal(100, filtered.GetProperty("total").GetInt32());
        Assert.Equal(Enumerable.Range(1200, 50).Select(i => $"w{i}"), Names(filtered));
    }

    [Fact]
    public async Task Sorting_5000_processes_by_mailbox_depth_puts_the_flooded_ones_first_in_depth_order()
    {
        await using var host = await StartLargeAsync();
        using var client = host.Client();
        using var gate = new ManualResetEventSlim();
        var flooded = new[] { (Name: "w0100", Depth: 300), (Name: "w4000", Depth: 500), (Name: "w2500", Depth: 100) };
        foreach (var (name, depth) in flooded)
        {
            Probe.Flood(host.Node.Whereis(name), gate, depth);
        }

        try
        {
            var page = await Json.GetAsync(client, "arbor/api/processes?sort=MailboxDepth&desc=true&limit=3");
            var rows = page.GetProperty("rows").EnumerateArray().ToList();
            Assert.Equal(["w4000", "w0100", "w2500"], rows.Select(r => r.GetProperty("name").GetString()));
            // Each is held in the handler that waits on the gate: the flood is queued behind it, plus at most that one.
            Assert.InRange(rows[0].GetProperty("mailbox").GetInt32(), 500, 501);
        }
        finally
        {
            gate.Set();
        }
    }

    [Fact]
    public async Task The_tree_and_the_live_tick_carry_a_page_of_a_large_supervisors_children_with_its_totals()
    {
        await using var host = await StartLargeAsync();
        using var client = host.Client();
        var workers = host.Node.Whereis("workers");

        var tree = await Json.GetAsync(client, "arbor/api/tree");
        var supervisor = tree[0].GetProperty("children")[0].GetProperty("supervisor");
        Assert.Equal(Workers, supervisor.GetProperty("childCount").GetInt32());
        Assert.Equal(Workers, supervisor.GetProperty("runningCount").GetInt32());
        Assert.Equal(DashboardContext.TreeChildren, supervisor.GetProperty("children").GetArrayLength());

        var (name, tick) = await Json.FirstEventAsync(client, "arbor/api/stream");
        Assert.Equal("tick", name);
        var live = tick.GetProperty("tree")[0].GetProperty("children")[0].GetProperty("supervisor");
        Assert.Equal(Workers, live.GetProperty("childCount").GetInt32());
        Assert.Equal(DashboardContext.TreeChildren, live.GetProperty("children").GetArrayLength());

        var page = await Json.GetAsync(client, $"arbor/api/supervisors/{workers.Id}?offset={Workers - 30}&limit=100");
        Assert.Equal(Workers - 30, page.GetProperty("childOffset").GetInt32());
        var expected = Enumerable.Range(Workers - 30, 30).Select(i => host.Node.Whereis($"w{i:0000}").Id);
        Assert.Equal(expected, page.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("pidId").GetInt64()));
    }

    private static IEnumerable<long> Ids(JsonElement page) => page.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetInt64());

    private static List<string?> Names(JsonElement page) => page.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToList();
}
