using Arbor.Cluster.Tests.Support;

namespace Arbor.Cluster.Tests.Partitions;

/// <summary>
/// The cluster with every node in its own OS process (tests/ClusterHost), linked through this process's partitionable
/// proxies (<see cref="Network"/>): connections cut and healed, a node process killed outright — then the invariants
/// over what each process reports: members meshed, every replica equal, every distributed child running exactly once
/// on its placed node, every global name held exactly once and its other registrant stopped with the conflict reason.
/// </summary>
public sealed class OsProcessTests
{
    private const int Children = 6;
    private static readonly string[] ChildIds = [.. Enumerable.Range(0, Children).Select(i => "child" + i)];

    [Fact]
    public async Task A_partition_between_processes_heals_to_one_holder_per_name_and_one_instance_per_child()
    {
        await using var cluster = new HostCluster();
        var hosts = await cluster.StartAsync(3);
        await cluster.WaitSettledAsync(hosts);

        var (minority, majority) = (hosts[0], new[] { hosts[1], hosts[2] });
        cluster.Network.Partition([minority.Name], majority.Select(h => h.Name));

        // Split brain, as documented without a quorum: each side runs every child.
        await cluster.Group.WaitAsync([minority], s => s[0].Members.Count == 0 && ChildIds.All(id => s[0].Workers.GetValueOrDefault(id) == 1), "the minority side running every child");
        await cluster.Group.WaitAsync(majority, s => s.All(x => x.Members.Count == 1) && ChildIds.All(id => s.Sum(x => x.Workers.GetValueOrDefault(id)) == 1), "the majority side running every child once");
        Assert.True(await minority.RegisterAsync("leader", "a"));
        Assert.True(await majority[1].RegisterAsync("leader", "b"));

        cluster.Network.HealAll();
        await cluster.WaitSettledAsync(hosts);
        var conflict = GlobalRegistry.ConflictReason("leader").ToString();
        await cluster.Group.WaitAsync(
            hosts,
            s =>
            {
                var contenders = s.SelectMany(x => x.Contenders.Select(c => (Host: x.Node, Tag: c.Key, State: c.Value))).ToList();
                var alive = contenders.Where(c => c.State == "alive").ToList();
                return alive.Count == 1 && contenders.Count(c => c.State == conflict) == 1 &&
                       s.All(x => x.Names.TryGetValue("leader", out var holder) && holder == s[0].Names["leader"] && holder.Owner == alive[0].Host);
            },
            "one leader kept cluster-wide, the other stopped with the conflict reason");
    }

    [Fact]
    public async Task The_children_of_a_killed_node_process_run_once_on_the_survivors()
    {
        await using var cluster = new HostCluster();
        var hosts = await cluster.StartAsync(3);
        await cluster.WaitSettledAsync(hosts);

        var victim = hosts.First(h => h.Latest!.Workers.Count > 0);
        victim.Kill(); // no graceful leave: its connections just close
        var survivors = hosts.Where(h => h != victim).ToList();
        await cluster.WaitSettledAsync(survivors);
    }

    /// <summary>Host processes on one partitionable network.</summary>
    private sealed class HostCluster : IAsyncDisposable
    {
        private readonly List<HostProcess> _hosts = new();

        public Network Network { get; } = new();

        public HostGroup Group { get; } = new();

        public async Task<IReadOnlyList<HostProcess>> StartAsync(int count)
        {
            var names = Enumerable.Range(0, count).Select(_ => TestCluster.NewName("h")).ToList();
            var ports = names.ToDictionary(n => n, Network.Add);
            foreach (var name in names)
            {
                var peers = names.Where(p => p != name).ToDictionary(p => p, p => Network.PortFor(name, p));
                _hosts.Add(HostProcess.Start(Group, name, ports[name], names, peers, Children));
            }

            await Group.WaitAsync(_hosts, s => s.All(x => x.Members.Count == count - 1), "the mesh of host processes");
            return _hosts;
        }

        /// <summary>
        /// Waits for the settled cluster of <paramref name="hosts"/>: each sees exactly the others; every replica names,
        /// for every child, the same holder on the node the default placement picks; and each child has exactly one live
        /// instance over all the processes, on that node.
        /// </summary>
        public Task WaitSettledAsync(IReadOnlyList<HostProcess> hosts)
        {
            var names = hosts.Select(h => h.Name).Order(StringComparer.Ordinal).ToList();
            var placed = ChildIds.ToDictionary(id => id, id => new HashRingPlacement().Place(id, names));
            return Group.WaitAsync(
                hosts,
                s => s.All(x => x.Members.Order(StringComparer.Ordinal).SequenceEqual(names.Where(n => n != x.Node))) &&
                     ChildIds.All(id =>
                         s.All(x => x.Names.TryGetValue(id, out var holder) && holder.Owner == placed[id] && holder == s[0].Names[id]) &&
                         s.Sum(x => x.Workers.GetValueOrDefault(id)) == 1 &&
                         s.Single(x => x.Node == placed[id]).Workers.GetValueOrDefault(id) == 1),
                $"every child running once on its placed node among [{string.Join(", ", names)}]");
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var host in _hosts)
            {
                await host.DisposeAsync();
            }

            await Network.DisposeAsync();
        }
    }
}
