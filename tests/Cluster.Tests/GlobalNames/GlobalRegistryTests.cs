using Arbor.Cluster.Tests.Support;

namespace Arbor.Cluster.Tests.GlobalNames;

public sealed class GlobalRegistryTests
{
    private static Task SeenAsync(ArborNode node, string name, Func<Pid, bool> holder) =>
        node.Cluster.Global.WaitForAsync(names => names.TryGetValue(name, out var r) ? holder(r.Pid) : holder(Pid.None), TestCluster.Wait);

    [Fact]
    public async Task A_name_registered_on_one_node_is_read_locally_everywhere_and_cannot_be_taken_twice()
    {
        await using var cluster = new TestCluster();
        var nodes = await cluster.StartMeshAsync(3);
        var holder = await Probe.StartAsync(nodes[0]);
        Assert.True(await nodes[0].Cluster.Global.RegisterAsync("room:lobby", holder.Pid));
        Assert.Equal(holder.Pid, nodes[0].Cluster.Global.Whereis("room:lobby"));

        foreach (var node in nodes)
        {
            await SeenAsync(node, "room:lobby", pid => !pid.IsNone);
        }

        var remote = nodes[2].Cluster.Global.Whereis("room:lobby");
        Assert.True(remote.IsRemote);
        Assert.Equal(nodes[0].NodeName, remote.Node);

        var rival = await Probe.StartAsync(nodes[1]);
        Assert.False(await nodes[1].Cluster.Global.RegisterAsync("room:lobby", rival.Pid));
        Assert.False(await nodes[0].Cluster.Global.RegisterAsync("room:lobby", holder.Pid));
        Assert.False(await nodes[1].Cluster.Global.UnregisterAsync("room:lobby")); // not held on b
    }

    [Fact]
    public async Task A_name_goes_when_its_holder_exits_is_unregistered_or_its_node_is_lost()
    {
        await using var cluster = new TestCluster();
        var nodes = await cluster.StartMeshAsync(3);
        var exiting = await Probe.StartAsync(nodes[0]);
        var unregistered = await Probe.StartAsync(nodes[0]);
        var lost = await Probe.StartAsync(nodes[1]);
        Assert.True(await nodes[0].Cluster.Global.RegisterAsync("exits", exiting.Pid));
        Assert.True(await nodes[0].Cluster.Global.RegisterAsync("unregisters", unregistered.Pid));
        Assert.True(await nodes[1].Cluster.Global.RegisterAsync("lost", lost.Pid));
        await nodes[2].Cluster.Global.WaitForAsync(names => names.Count == 3, TestCluster.Wait);

        nodes[0].Exit(exiting.Pid, ExitReason.Kill);
        Assert.True(await nodes[0].Cluster.Global.UnregisterAsync("unregisters"));
        cluster.Network.Partition([nodes[1].NodeName!], [nodes[0].NodeName!, nodes[2].NodeName!]);

        await nodes[2].Cluster.Global.WaitForAsync(names => names.IsEmpty, TestCluster.Wait);
        await nodes[0].Cluster.Global.WaitForAsync(names => names.IsEmpty, TestCluster.Wait);
        Assert.Equal(lost.Pid, nodes[1].Cluster.Global.Whereis("lost")); // its own node keeps it
    }

    [Fact]
    public async Task Racing_registrations_of_one_name_in_a_connected_cluster_give_it_to_exactly_one()
    {
        await using var cluster = new TestCluster();
        var nodes = await cluster.StartMeshAsync(3);
        for (var round = 0; round < 10; round++)
        {
            var name = "race" + round;
            var contenders = new List<Probe>();
            foreach (var node in nodes)
            {
                contenders.Add(await Probe.StartAsync(node));
            }

            var results = await Task.WhenAll(nodes.Select((node, i) => node.Cluster.Global.RegisterAsync(name, contenders[i].Pid)));
            Assert.Single(results, won => won);
            var winner = Array.IndexOf(results, true);
            foreach (var node in nodes)
            {
                await SeenAsync(node, name, pid => !pid.IsNone);
            }

            Assert.Equal(contenders[winner].Pid, nodes[winner].Cluster.Global.Whereis(name));
        }
    }

    [Fact]
    public async Task After_a_partition_heals_a_name_registered_on_both_sides_is_kept_by_exactly_one()
    {
        await using var cluster = new TestCluster();
        var nodes = await cluster.StartMeshAsync(3);
        var a = nodes[0];
        var c = nodes[2];
        cluster.Network.Partition([a.NodeName!], [nodes[1].NodeName!, c.NodeName!]);
        await a.Cluster.WaitForMembersAsync(members => members.Count == 0, TestCluster.Wait);
        await c.Cluster.WaitForMembersAsync(members => members.Count == 1, TestCluster.Wait);

        var first = await Probe.StartAsync(a);
        var second = await Probe.StartAsync(c);
        Assert.True(await a.Cluster.Global.RegisterAsync("leader", first.Pid));
        Assert.True(await c.Cluster.Global.RegisterAsync("leader", second.Pid)); // each side grants it: split brain
        var firstExit = a.WhenExited(first.Pid);
        var secondExit = c.WhenExited(second.Pid);

        cluster.Network.HealAll();
        var loserExit = await Task.WhenAny(firstExit, secondExit).WaitAsync(TestCluster.Wait);
        Assert.Equal(GlobalRegistry.ConflictReason("leader"), await loserExit);
        var winner = loserExit == firstExit ? second.Pid : first.Pid;
        var winnerNode = loserExit == firstExit ? c : a;

        await TestCluster.WaitForMeshAsync(nodes);
        foreach (var node in nodes)
        {
            await SeenAsync(node, "leader", pid => node == winnerNode ? pid == winner : pid.IsRemote && pid.Node == winnerNode.NodeName);
        }

        Assert.True(winner.IsAlive);
    }

    [Fact]
    public async Task Registering_needs_a_local_process()
    {
        await using var cluster = new TestCluster();
        var nodes = await cluster.StartMeshAsync(2);
        var remote = await Probe.StartAsync(nodes[1]);
        Assert.True(await nodes[1].Cluster.Global.RegisterAsync("r", remote.Pid));
        await SeenAsync(nodes[0], "r", pid => !pid.IsNone);
        var remotePid = nodes[0].Cluster.Global.Whereis("r");
        await Assert.ThrowsAsync<ArgumentException>(() => nodes[0].Cluster.Global.RegisterAsync("other", remotePid));
        await Assert.ThrowsAsync<ArgumentException>(() => nodes[0].Cluster.Global.RegisterAsync("", remote.Pid));
    }

    [Fact]
    public async Task A_losing_registration_shows_again_when_the_winner_goes_before_its_owner_heard_of_it()
    {
        await using var cluster = new TestCluster();
        var nodes = await cluster.StartMeshAsync(3);
        var (a, b, c) = (nodes[0], nodes[1], nodes[2]);
        cluster.Network.Partition([a.NodeName!], [b.NodeName!, c.NodeName!]);
        await a.Cluster.WaitForMembersAsync(members => members.Count == 0, TestCluster.Wait);
        await c.Cluster.WaitForMembersAsync(members => members.Count == 1, TestCluster.Wait);
        var winner = await Probe.StartAsync(a);
        Assert.True(await a.Cluster.Global.RegisterAsync("n", winner.Pid)); // earlier: the winner by the default rule
        var loser = await Probe.StartAsync(c);
        Assert.True(await c.Cluster.Global.RegisterAsync("n", loser.Pid));
        await SeenAsync(b, "n", pid => pid.Node == c.NodeName);

        // Only a-b heals: b hears of a's winning holder, c (still cut from a) never does, so its holder keeps running.
        cluster.Network.Heal(a.NodeName!, b.NodeName!);
        await SeenAsync(b, "n", pid => pid.Node == a.NodeName);
        Assert.True(loser.Pid.IsAlive);

        // The winner goes before c heard of it: b must show c's live holder again, not a free name.
        Assert.True(await a.Cluster.Global.UnregisterAsync("n"));
        await SeenAsync(b, "n", pid => pid.Node == c.NodeName);
        Assert.Equal(loser.Pid, c.Cluster.Global.Whereis("n"));
    }

    [Fact]
    public async Task A_user_resolver_picks_the_holder_that_keeps_a_name_after_a_heal()
    {
        await using var cluster = new TestCluster();
        // The latest registration wins: the opposite of the default rule.
        var nodes = await StartMeshAsync(cluster, 2, (first, second) => first.Stamp > second.Stamp ? first : second);
        var (a, b) = (nodes[0], nodes[1]);
        var (early, late) = await SplitBrainAsync(cluster, a, b, "leader");

        Assert.Equal(GlobalRegistry.ConflictReason("leader"), await a.WhenExited(early.Pid).WaitAsync(TestCluster.Wait));
        await SeenAsync(a, "leader", pid => pid.IsRemote && pid.Node == b.NodeName);
        Assert.Equal(late.Pid, b.Cluster.Global.Whereis("leader"));
        Assert.True(late.Pid.IsAlive);
    }

    [Fact]
    public async Task A_throwing_resolver_falls_back_to_the_default_rule_and_the_registry_keeps_working()
    {
        await using var cluster = new TestCluster();
        var nodes = await StartMeshAsync(cluster, 2, (_, _) => throw new InvalidOperationException("resolver bug"));
        var (a, b) = (nodes[0], nodes[1]);
        var (early, late) = await SplitBrainAsync(cluster, a, b, "leader");

        // The default rule: the earlier registration (a's) keeps the name.
        Assert.Equal(GlobalRegistry.ConflictReason("leader"), await b.WhenExited(late.Pid).WaitAsync(TestCluster.Wait));
        await SeenAsync(b, "leader", pid => pid.IsRemote && pid.Node == a.NodeName);
        Assert.True(early.Pid.IsAlive);

        var next = await Probe.StartAsync(b);
        Assert.True(await b.Cluster.Global.RegisterAsync("after", next.Pid));
        await SeenAsync(a, "after", pid => pid.Node == b.NodeName);
    }

    private static async Task<IReadOnlyList<ArborNode>> StartMeshAsync(TestCluster cluster, int count, GlobalNameResolver resolver)
    {
        for (var i = 0; i < count; i++)
        {
            await cluster.StartAsync(configure: options => new ClusterOptions
            {
                Seeds = options.Seeds,
                ReconnectInterval = options.ReconnectInterval,
                LeaveTimeout = options.LeaveTimeout,
                ResolveGlobalConflict = resolver,
            });
        }

        await TestCluster.WaitForMeshAsync(cluster.Nodes);
        return cluster.Nodes;
    }

    /// <summary>Cuts a from b, registers <paramref name="name"/> on a (earlier) and then on b (later), and heals.</summary>
    private static async Task<(Probe Early, Probe Late)> SplitBrainAsync(TestCluster cluster, ArborNode a, ArborNode b, string name)
    {
        cluster.Network.Partition([a.NodeName!], [b.NodeName!]);
        await a.Cluster.WaitForMembersAsync(members => members.Count == 0, TestCluster.Wait);
        await b.Cluster.WaitForMembersAsync(members => members.Count == 0, TestCluster.Wait);
        var early = await Probe.StartAsync(a);
        Assert.True(await a.Cluster.Global.RegisterAsync(name, early.Pid));
        var late = await Probe.StartAsync(b);
        Assert.True(await b.Cluster.Global.RegisterAsync(name, late.Pid));
        Assert.True(a.Cluster.Global.Registrations[name].Stamp < b.Cluster.Global.Registrations[name].Stamp);
        cluster.Network.HealAll();
        await TestCluster.WaitForMeshAsync([a, b]);
        return (early, late);
    }
}
