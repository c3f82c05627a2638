using System.Net;
using System.Threading;
using Arbor.Cluster.Tests.Support;

namespace Arbor.Cluster.Tests.Membership;

public sealed class MembershipTests
{
    [Fact]
    public async Task Members_seeded_by_one_node_form_a_full_mesh()
    {
        await using var cluster = new TestCluster();
        var nodes = await cluster.StartMeshAsync(3);

        // b and c only knew a; the hello lists connected them to each other.
        Assert.Contains(nodes[2].NodeName!, nodes[1].ConnectedNodes);
        Assert.Equal([nodes[0].NodeName!, nodes[1].NodeName!], nodes[2].Cluster.Members);
    }

    [Fact]
    public async Task A_subscriber_sees_current_members_then_joins_and_graceful_leaves()
    {
        await using var cluster = new TestCluster();
        var a = await cluster.StartAsync();
        var probe = await Probe.StartAsync(a);
        a.Cluster.Subscribe(probe.Pid);

        var b = await cluster.StartAsync();
        Assert.Equal(b.NodeName, (await probe.NextAsync<MemberJoined>()).Node);

        var late = await Probe.StartAsync(a);
        a.Cluster.Subscribe(late.Pid);
        Assert.Equal(b.NodeName, (await late.NextAsync<MemberJoined>()).Node); // the current member, at once

        var bName = b.NodeName!;
        await TestCluster.WaitForMeshAsync([a, b]); // b counts a as a member too, so it waits for a's acknowledgement
        await cluster.StopAsync(b);
        var next = await probe.NextAsync<MemberEvent>();
        Assert.Equal(new MemberLeft(bName), next);
        Assert.Empty(a.Cluster.Members);
    }

    [Fact]
    public async Task A_partition_makes_members_unreachable_and_healing_brings_them_back()
    {
        await using var cluster = new TestCluster();
        var nodes = await cluster.StartMeshAsync(3);
        var probe = await Probe.StartAsync(nodes[0]);
        nodes[0].Cluster.Subscribe(probe.Pid);
        await probe.NextAsync<MemberJoined>();
        await probe.NextAsync<MemberJoined>();

        cluster.Network.Partition([nodes[0].NodeName!], [nodes[1].NodeName!, nodes[2].NodeName!]);
        var lost = new HashSet<string> { (await probe.NextAsync<MemberUnreachable>()).Node, (await probe.NextAsync<MemberUnreachable>()).Node };
        Assert.Equal(new HashSet<string> { nodes[1].NodeName!, nodes[2].NodeName! }, lost);
        await nodes[1].Cluster.WaitForMembersAsync(members => members.Count == 1 && members[0] == nodes[2].NodeName, TestCluster.Wait);

        cluster.Network.HealAll();
        await TestCluster.WaitForMeshAsync(nodes);
        var back = new HashSet<string> { (await probe.NextAsync<MemberJoined>()).Node, (await probe.NextAsync<MemberJoined>()).Node };
        Assert.Equal(lost, back);
    }

    [Fact]
    public async Task A_DNS_name_resolving_to_several_addresses_forms_the_cluster()
    {
        await using var cluster = new TestCluster();
        var alive = TestCluster.NewName("dns").Split('@')[0];
        var addresses = new[] { IPAddress.Parse("127.0.0.1"), IPAddress.Parse("127.0.0.2"), IPAddress.Parse("127.0.0.3") };
        var lookups = 0;
        ClusterOptions Dns(ClusterOptions options) => new()
        {
            DnsName = "arbor-headless.test.svc",
            Resolve = (name, _) =>
            {
                Assert.Equal("arbor-headless.test.svc", name);
                Interlocked.Increment(ref lookups);
                return Task.FromResult(addresses);
            },
            ReconnectInterval = options.ReconnectInterval,
        };

        var nodes = new List<ArborNode>();
        foreach (var address in addresses)
        {
            nodes.Add(await cluster.StartAsync(seeds: [], name: $"{alive}@{address}", configure: Dns));
        }

        await TestCluster.WaitForMeshAsync(nodes);
        Assert.True(Volatile.Read(ref lookups) >= 3);
    }

    [Fact]
    public async Task A_failing_resolver_is_retried_and_does_not_stop_the_service()
    {
        await using var cluster = new TestCluster();
        var calls = 0;
        var recovered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var a = await cluster.StartAsync(configure: options => new ClusterOptions
        {
            DnsName = "nowhere.test",
            Resolve = (_, _) =>
            {
                if (Interlocked.Increment(ref calls) < 3)
                {
                    throw new InvalidOperationException("resolver down");
                }

                recovered.TrySetResult();
                return Task.FromResult(Array.Empty<IPAddress>());
            },
            ReconnectInterval = options.ReconnectInterval,
        });
        var b = await cluster.StartAsync(); // seeded by a: the cluster works while a's resolver fails
        await TestCluster.WaitForMeshAsync([a, b]);
        await recovered.Task.WaitAsync(TestCluster.Wait); // retried after two failures

        Assert.Equal([b.NodeName!], a.Cluster.Members);
    }

    [Fact]
    public async Task Bad_cluster_options_are_refused_before_the_node_starts()
    {
        Assert.Throws<ArgumentException>(() => { _ = ArborNode.StartAsync(new ArborNodeOptions { Cluster = new ClusterOptions() }); });
        Assert.Throws<ArgumentException>(() => { _ = ArborNode.StartAsync(new ArborNodeOptions { Name = "x", Cluster = new ClusterOptions { Seeds = ["no-host"] } }); });
        Assert.Throws<ArgumentException>(() => { _ = ArborNode.StartAsync(new ArborNodeOptions { Name = "x", Cluster = new ClusterOptions { ReconnectInterval = TimeSpan.Zero } }); });
        await using var plain = await ArborNode.StartAsync();
        Assert.Throws<InvalidOperationException>(() => plain.Cluster);
    }
}
