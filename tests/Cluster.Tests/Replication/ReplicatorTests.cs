using Arbor.Cluster.Replication;
using Arbor.Cluster.Tests.Support;

namespace Arbor.Cluster.Tests.Replication;

/// <summary>Replicated values between real nodes over loopback, with connections cut and healed by the test.</summary>
public sealed class ReplicatorTests
{
    private static readonly CrdtCodec<LwwMap<string, string>> MapCodec = CrdtCodecs.LwwMap(TermCodecs.String, TermCodecs.String);
    private static readonly CrdtCodec<ORSet<string>> SetCodec = CrdtCodecs.ORSet(TermCodecs.String);
    private static readonly ReplicationOptions Fast = new() { DeltaInterval = TimeSpan.FromMilliseconds(20) };

    private static async Task<Replicated<T>[]> StartEverywhereAsync<T>(IReadOnlyList<ArborNode> nodes, string name, CrdtCodec<T> codec)
        where T : class, IDeltaCrdt<T>
    {
        var replicas = new Replicated<T>[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            replicas[i] = await Replicated.StartAsync(nodes[i], name, codec, Fast);
        }

        return replicas;
    }

    /// <summary>Waits until every replica equals the join of all of them as they are now (no writes may follow).</summary>
    private static async Task<T> ConvergedAsync<T>(params Replicated<T>[] replicas)
        where T : class, IDeltaCrdt<T>
    {
        var expected = T.Empty;
        foreach (var replica in replicas)
        {
            expected = expected.Join(replica.Value);
        }

        foreach (var replica in replicas)
        {
            await replica.WaitForAsync(value => value.Equals(expected), TestCluster.Wait);
        }

        return expected;
    }

    [Fact]
    public async Task Writes_on_every_member_reach_every_member_and_are_read_locally()
    {
        await using var cluster = new TestCluster();
        var nodes = await cluster.StartMeshAsync(3);
        var maps = await StartEverywhereAsync(nodes, "profiles", MapCodec);

        for (var i = 0; i < nodes.Count; i++)
        {
            var key = "user" + i;
            await maps[i].UpdateAsync((map, replica) => map.SetDelta(replica, key, "on " + i));
            Assert.True(maps[i].Value.ContainsKey(key)); // a local read sees a local write at once
        }

        foreach (var map in maps)
        {
            await map.WaitForAsync(value => value.Count == 3, TestCluster.Wait);
        }

        var converged = await ConvergedAsync(maps);
        Assert.True(converged.TryGetValue("user1", out var value));
        Assert.Equal("on 1", value);
        Assert.StartsWith(nodes[0].NodeName + "/", maps[0].ReplicaId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subscriber_gets_the_value_at_subscription_and_every_change_from_any_member()
    {
        await using var cluster = new TestCluster();
        var nodes = await cluster.StartMeshAsync(2);
        var counters = await StartEverywhereAsync(nodes, "hits", CrdtCodecs.PNCounter);
        var probe = await Probe.StartAsync(nodes[0]);

        counters[0].Subscribe(probe.Pid);
        var first = await probe.NextAsync<ReplicaChanged<PNCounter>>();
        Assert.Equal(("hits", 0L), (first.Name, first.Value.Value));

        await counters[1].UpdateAsync((counter, replica) => counter.IncrementDelta(replica, 7));
        var remote = await probe.NextAsync<ReplicaChanged<PNCounter>>(changed => changed.Value.Value == 7);
        Assert.Equal("hits", remote.Name);

        await counters[0].UpdateAsync((counter, replica) => counter.DecrementDelta(replica, 2));
        await probe.NextAsync<ReplicaChanged<PNCounter>>(changed => changed.Value.Value == 5);
    }

    [Fact]
    public async Task Concurrent_writes_on_both_sides_of_a_cut_converge_after_the_heal()
    {
        await using var cluster = new TestCluster();
        var nodes = await cluster.StartMeshAsync(3);
        var (a, c) = (nodes[0], nodes[2]);
        var maps = await StartEverywhereAsync(nodes, "config", MapCodec);
        var sets = await StartEverywhereAsync(nodes, "rooms", SetCodec);
        var counters = await StartEverywhereAsync(nodes, "visits", CrdtCodecs.PNCounter);

        await sets[0].UpdateAsync((set, replica) => set.AddDelta(replica, "lobby"));
        await sets[0].UpdateAsync((set, replica) => set.AddDelta(replica, "attic"));
        await maps[0].UpdateAsync((map, replica) => map.SetDelta(replica, "gone", "soon"));
        await ConvergedAsync(sets);
        await ConvergedAsync(maps);

        cluster.Network.Partition([a.NodeName!], [nodes[1].NodeName!, c.NodeName!]);
        await a.Cluster.WaitForMembersAsync(members => members.Count == 0, TestCluster.Wait);
        await c.Cluster.WaitForMembersAsync(members => members.Count == 1, TestCluster.Wait);

        // Side a: removes both rooms, writes "mode" late, counts.
        await sets[0].UpdateAsync((set, _) => set.RemoveDelta("lobby"));
        await sets[0].UpdateAsync((set, _) => set.RemoveDelta("attic"));
        await maps[0].UpdateAsync((map, replica) => map.SetDelta(replica, "mode", "from a", timestamp: 2_000));
        await maps[0].UpdateAsync((map, _) => map.RemoveDelta("gone"));
        await counters[0].UpdateAsync((counter, replica) => counter.IncrementDelta(replica, 10));

        // Side c: re-adds the lobby concurrently (add wins), writes "mode" earlier, updates "gone" (the write survives a's remove).
        await sets[2].UpdateAsync((set, replica) => set.AddDelta(replica, "lobby"));
        await maps[2].UpdateAsync((map, replica) => map.SetDelta(replica, "mode", "from c", timestamp: 1_000));
        await maps[2].UpdateAsync((map, replica) => map.SetDelta(replica, "gone", "back"));
        await counters[1].UpdateAsync((counter, replica) => counter.DecrementDelta(replica, 3));
        await counters[2].UpdateAsync((counter, replica) => counter.IncrementDelta(replica, 1));
        await counters[2].WaitForAsync(value => value.Value == -2, TestCluster.Wait); // b and c still talk
        Assert.Equal(10, counters[0].Value.Value);

        cluster.Network.HealAll();
        await TestCluster.WaitForMeshAsync(nodes);

        var set = await ConvergedAsync(sets);
        Assert.Equal(["lobby"], set.Elements);
        var map = await ConvergedAsync(maps);
        Assert.True(map.TryGetValue("mode", out var mode));
        Assert.Equal("from a", mode);
        Assert.True(map.TryGetValue("gone", out var gone));
        Assert.Equal("back", gone);
        Assert.Equal(8, (await ConvergedAsync(counters)).Value);
    }

    [Fact]
    public async Task A_restarted_node_gets_the_full_state_and_its_new_writes_count()
    {
        await using var cluster = new TestCluster();
        var nodes = await cluster.StartMeshAsync(3);
        var counters = await StartEverywhereAsync(nodes, "restarts", CrdtCodecs.PNCounter);
        for (var i = 0; i < 3; i++)
        {
            await counters[i].UpdateAsync((counter, replica) => counter.IncrementDelta(replica, 5));
        }

        await ConvergedAsync(counters);
        var name = nodes[2].NodeName!;
        await cluster.StopAsync(nodes[2]);
        await nodes[0].Cluster.WaitForMembersAsync(members => members.Count == 1, TestCluster.Wait);

        var restarted = await cluster.StartAsync(name: name);
        await TestCluster.WaitForMeshAsync(cluster.Nodes);
        var counter = await Replicated.StartAsync(restarted, "restarts", CrdtCodecs.PNCounter, Fast);
        await counter.WaitForAsync(value => value.Value == 15, TestCluster.Wait);

        // Its new incarnation counts apart from the old one: nothing it adds is hidden by its previous life's count.
        await counter.UpdateAsync((value, replica) => value.IncrementDelta(replica, 1));
        await counters[0].WaitForAsync(value => value.Value == 16, TestCluster.Wait);
        await ConvergedAsync(counters[0], counters[1], counter);
    }

    [Fact]
    public async Task A_replicator_started_after_its_peers_gets_their_state()
    {
        await using var cluster = new TestCluster();
        var nodes = await cluster.StartMeshAsync(2);
        var early = await Replicated.StartAsync(nodes[0], "late", SetCodec, Fast);
        await early.UpdateAsync((set, replica) => set.AddDelta(replica, "x"));

        var late = await Replicated.StartAsync(nodes[1], "late", SetCodec, Fast);
        await late.WaitForAsync(value => value.Contains("x"), TestCluster.Wait);
    }

    [Fact]
    public async Task Malformed_replication_messages_are_dropped_and_the_replicator_carries_on()
    {
        await using var cluster = new TestCluster();
        var nodes = await cluster.StartMeshAsync(2);
        var sets = await StartEverywhereAsync(nodes, "hostile", SetCodec);
        var sender = await Probe.StartAsync(nodes[0]);
        var service = "arbor_crdt:hostile";
        var target = nodes[1].NodeName!;
        var tag = Atom.Of("arbor_crdt");
        object[] garbage =
        [
            new ErlangTuple(tag, Atom.Of("delta"), sender.Pid),
            new ErlangTuple(tag, Atom.Of("delta"), sender.Pid, 1L, 1L, Atom.Of("not_a_set")),
            new ErlangTuple(tag, Atom.Of("state"), sender.Pid, 1L, 1L, true, new ErlangTuple(ErlangList.Empty, 5)),
            new ErlangTuple(tag, Atom.Of("state"), sender.Pid, 1L, 1L, true,
                new ErlangTuple(new ErlangTuple(ErlangList.Empty, ErlangList.Empty), new ErlangList([new ErlangTuple("x", new ErlangList([new ErlangTuple("a@h/1", 9L)]))]))),
            new ErlangTuple(tag, Atom.Of("unknown"), sender.Pid),
            new ErlangTuple(tag, 42, 43),
        ];
        sender.Do(context =>
        {
            foreach (var message in garbage)
            {
                context.Node.Send(service, target, message);
            }
        });

        await sets[0].UpdateAsync((set, replica) => set.AddDelta(replica, "after"));
        await sets[1].WaitForAsync(value => value.Contains("after"), TestCluster.Wait);
        Assert.True(sets[1].Pid.IsAlive);
        Assert.Equal(1, sets[1].Value.Count); // the hostile "x" never got in
    }

    [Fact]
    public async Task A_failing_update_fails_only_its_caller()
    {
        await using var cluster = new TestCluster();
        var nodes = await cluster.StartMeshAsync(1);
        var set = await Replicated.StartAsync(nodes[0], "failing", SetCodec, Fast);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => set.UpdateAsync((_, _) => throw new InvalidOperationException("boom")));
        Assert.Equal("boom", error.Message);
        await set.UpdateAsync((value, replica) => value.AddDelta(replica, "fine"));
        Assert.True(set.Value.Contains("fine"));
    }

    [Fact]
    public async Task A_delta_after_a_gap_is_joined_and_the_state_is_asked_for()
    {
        await using var cluster = new TestCluster();
        var nodes = await cluster.StartMeshAsync(2);
        var set = await Replicated.StartAsync(nodes[1], "gaps", SetCodec, Fast);
        var peer = await Probe.StartAsync(nodes[0]); // plays a replicator whose deltas 1..4 were lost
        var delta = SetCodec.Encode(ORSet<string>.Empty.AddDelta("peer@h/1", "seen"));
        var target = nodes[1].NodeName!;
        peer.Do(context => context.Node.Send("arbor_crdt:gaps", target, new ErlangTuple(Atom.Of("arbor_crdt"), Atom.Of("delta"), context.Self, 7L, 5L, delta)));

        var request = await peer.NextAsync<ErlangTuple>(message => message.Count == 3 && message[1] is Atom kind && kind.Name == "need_state");
        Assert.Equal(target, Assert.IsType<Pid>(request[2]).Node); // asked by the replicator on nodes[1]
        await set.WaitForAsync(value => value.Contains("seen"), TestCluster.Wait);
    }

    [Fact]
    public async Task Fire_and_forget_updates_apply_in_order_and_a_failing_one_is_only_logged()
    {
        await using var cluster = new TestCluster();
        var nodes = await cluster.StartMeshAsync(1);
        var counter = await Replicated.StartAsync(nodes[0], "casts", CrdtCodecs.PNCounter, Fast);
        counter.Update((value, replica) => value.IncrementDelta(replica, 2));
        counter.Update((_, _) => throw new InvalidOperationException("ignored"));
        counter.Update((value, replica) => value.IncrementDelta(replica, 3));
        await counter.WaitForAsync(value => value.Value == 5, TestCluster.Wait);
        Assert.True(counter.Pid.IsAlive);
    }

    [Fact]
    public async Task An_unsubscribed_process_gets_no_further_changes()
    {
        await using var cluster = new TestCluster();
        var nodes = await cluster.StartMeshAsync(1);
        var counter = await Replicated.StartAsync(nodes[0], "quiet", CrdtCodecs.PNCounter, Fast);
        var probe = await Probe.StartAsync(nodes[0]);
        counter.Subscribe(probe.Pid);
        Assert.Equal(0, (await probe.NextAsync<ReplicaChanged<PNCounter>>()).Value.Value);

        counter.Unsubscribe(probe.Pid);
        await counter.UpdateAsync((value, replica) => value.IncrementDelta(replica, 1));
        await counter.UpdateAsync((value, replica) => value.IncrementDelta(replica, 1));
        counter.Subscribe(probe.Pid);

        // Had the unsubscribe not taken, the change to 1 would come first; the replicator sends in order.
        Assert.Equal(2, (await probe.NextAsync<ReplicaChanged<PNCounter>>()).Value.Value);
    }

    [Fact]
    public async Task A_stopped_replicator_can_be_started_again_and_refills_from_the_members()
    {
        await using var cluster = new TestCluster();
        var nodes = await cluster.StartMeshAsync(2);
        var sets = await StartEverywhereAsync(nodes, "again", SetCodec);
        await sets[0].UpdateAsync((set, replica) => set.AddDelta(replica, "kept"));
        await sets[1].WaitForAsync(value => value.Contains("kept"), TestCluster.Wait);

        await sets[1].StopAsync();
        Assert.False(sets[1].Pid.IsAlive);
        var again = await Replicated.StartAsync(nodes[1], "again", SetCodec, Fast);
        Assert.NotSame(sets[1], again);
        await again.WaitForAsync(value => value.Contains("kept"), TestCluster.Wait);
    }

    [Fact]
    public async Task Starting_checks_its_arguments_and_returns_a_running_value()
    {
        await using var cluster = new TestCluster();
        var nodes = await cluster.StartMeshAsync(1);
        var node = nodes[0];
        var set = await Replicated.StartAsync(node, "same", SetCodec);
        Assert.Same(set, await Replicated.StartAsync(node, "same", SetCodec));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Replicated.StartAsync(node, "same", CrdtCodecs.PNCounter));
        await Assert.ThrowsAsync<ArgumentException>(() => Replicated.StartAsync(node, "", SetCodec));
        await Assert.ThrowsAsync<ArgumentException>(() => Replicated.StartAsync(node, new string('n', 201), SetCodec));
        await Assert.ThrowsAsync<ArgumentException>(() => Replicated.StartAsync(node, "slow", SetCodec, new ReplicationOptions { DeltaInterval = TimeSpan.Zero }));
        Assert.Throws<ArgumentException>(() => set.Subscribe(Pid.None));
    }
}
