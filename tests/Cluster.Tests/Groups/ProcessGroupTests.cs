using Arbor.Cluster.Tests.Support;

namespace Arbor.Cluster.Tests.Groups;

public sealed class ProcessGroupTests
{
    [Fact]
    public async Task A_join_on_one_node_is_seen_on_every_node_and_reads_are_local()
    {
        await using var cluster = new TestCluster();
        var nodes = await cluster.StartMeshAsync(3);
        var scopes = new List<ProcessGroups>();
        foreach (var node in nodes)
        {
            scopes.Add(await ProcessGroups.StartAsync(node));
        }

        var watcher = await Probe.StartAsync(nodes[2]);
        Assert.Empty(await scopes[2].MonitorAsync(watcher.Pid, "room"));

        var member = await Probe.StartAsync(nodes[0]);
        await scopes[0].JoinAsync("room", member.Pid);
        Assert.Equal([member.Pid], scopes[0].GetLocalMembers("room"));
        var joined = await watcher.NextAsync<GroupJoined>();
        Assert.Equal("room", joined.Group is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : joined.Group);
        var remote = Assert.Single(joined.Pids);
        Assert.True(remote.IsRemote);
        Assert.Equal(nodes[0].NodeName, remote.Node);

        // The string group and the binary that arrived are one group (Erlang term equality).
        Assert.Equal([remote], scopes[2].GetMembers("room"));
        Assert.Empty(scopes[2].GetLocalMembers("room"));
        Assert.Single(scopes[2].WhichGroups());
    }

    [Fact]
    public async Task A_member_that_exits_or_leaves_is_removed_everywhere()
    {
        await using var cluster = new TestCluster();
        var nodes = await cluster.StartMeshAsync(2);
        var a = await ProcessGroups.StartAsync(nodes[0], "chat");
        var b = await ProcessGroups.StartAsync(nodes[1], "chat");
        var watcher = await Probe.StartAsync(nodes[1]);
        await b.MonitorScopeAsync(watcher.Pid);

        var first = await Probe.StartAsync(nodes[0]);
        var second = await Probe.StartAsync(nodes[0]);
        await a.JoinAsync(Atom.Of("g"), first.Pid, second.Pid);
        await a.JoinAsync(Atom.Of("g"), first.Pid); // twice: pg keeps both entries
        Assert.Equal(3, a.GetMembers(Atom.Of("g")).Count);
        await UntilAsync(watcher, () => b.GetMembers(Atom.Of("g")).Count == 3); // by joins, or one sync if discovery came later

        Assert.True(await a.LeaveAsync(Atom.Of("g"), second.Pid));
        Assert.False(await a.LeaveAsync(Atom.Of("h"), second.Pid));
        await UntilAsync(watcher, () => b.GetMembers(Atom.Of("g")).Count == 2);

        nodes[0].Exit(first.Pid, ExitReason.Kill);
        var left = await watcher.NextAsync<GroupLeft>(change => change.Pids.Count == 2); // both of its entries, in one change
        Assert.All(left.Pids, pid => Assert.Equal(nodes[0].NodeName, pid.Node));
        Assert.Empty(b.GetMembers(Atom.Of("g")));
        Assert.Empty(b.WhichGroups());
        Assert.Empty(a.WhichGroups());
    }

    /// <summary>Reads group changes until <paramref name="condition"/> holds (bounded by the probe's wait).</summary>
    internal static async Task UntilAsync(Probe watcher, Func<bool> condition)
    {
        while (!condition())
        {
            await watcher.NextAsync<GroupChange>();
        }
    }

    [Fact]
    public async Task Members_of_a_lost_node_leave_and_come_back_after_the_partition_heals()
    {
        await using var cluster = new TestCluster();
        var nodes = await cluster.StartMeshAsync(2);
        var a = await ProcessGroups.StartAsync(nodes[0]);
        var b = await ProcessGroups.StartAsync(nodes[1]);
        var member = await Probe.StartAsync(nodes[0]);
        var watcher = await Probe.StartAsync(nodes[1]);
        await b.MonitorAsync(watcher.Pid, "workers");
        await a.JoinAsync("workers", member.Pid);
        await watcher.NextAsync<GroupJoined>();

        cluster.Network.Partition([nodes[0].NodeName!], [nodes[1].NodeName!]);
        await watcher.NextAsync<GroupLeft>();
        Assert.Empty(b.GetMembers("workers"));
        Assert.Single(a.GetMembers("workers"));

        cluster.Network.HealAll(); // the membership service reconnects; the scopes discover each other again and sync
        await watcher.NextAsync<GroupJoined>();
        Assert.Single(b.GetMembers("workers"));
    }

    [Fact]
    public async Task Joining_needs_local_processes_and_a_started_scope_is_reused()
    {
        await using var cluster = new TestCluster();
        var nodes = await cluster.StartMeshAsync(2);
        var a = await ProcessGroups.StartAsync(nodes[0]);
        Assert.Same(a, await ProcessGroups.StartAsync(nodes[0]));
        var b = await ProcessGroups.StartAsync(nodes[1]);
        var member = await Probe.StartAsync(nodes[1]);
        await b.JoinAsync("g", member.Pid);
        var watcher = await Probe.StartAsync(nodes[0]);
        await a.MonitorAsync(watcher.Pid, "g");
        await UntilAsync(watcher, () => a.GetMembers("g").Count == 1);

        var remote = Assert.Single(a.GetMembers("g"));
        await Assert.ThrowsAsync<ArgumentException>(() => a.JoinAsync("g", remote));
    }
}
