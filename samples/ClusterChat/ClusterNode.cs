using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Arbor;
using Arbor.Cluster;
using Arbor.Distribution;

namespace ClusterChat;

/// <summary>
/// One member of the chat cluster, run as its own operating-system process by the <see cref="Launcher"/>: it joins the
/// other members (fixed ports on loopback, no EPMD, so no member depends on another for name lookups), runs its share
/// of the rooms under the distributed supervisor "rooms", runs <see cref="UsersPerNode"/> chatters that post to every
/// room by global name, and reports a status line a few times a second until its standard input closes.
/// </summary>
public static class ClusterNode
{
    /// <summary>Rooms in the cluster; each runs exactly once, on the member the hash ring picks.</summary>
    public const int Rooms = 8;

    /// <summary>Members of the cluster (node indexes 1..Members).</summary>
    public const int Members = 3;

    /// <summary>Chatters on every member.</summary>
    public const int UsersPerNode = 10;

    /// <summary>The status line's prefix (see <see cref="NodeStatus"/>).</summary>
    public const string StatusPrefix = "status ";

    private static readonly TimeSpan StatusInterval = TimeSpan.FromMilliseconds(200);

    public static string RoomName(int index) => $"room:{index}";

    public static string NodeName(int index) => $"chat{index}@127.0.0.1";

    /// <summary>Runs member <paramref name="index"/> until <paramref name="input"/> ends or says <c>stop</c>; then it leaves the cluster gracefully.</summary>
    public static async Task RunAsync(int index, int basePort, TextReader input, TextWriter output)
    {
        var name = NodeName(index);
        await using var node = await ArborNode.StartAsync(new ArborNodeOptions
        {
            Name = name,
            Cookie = "cluster-chat",
            Distribution = new DistributionOptions
            {
                UseEpmd = false,
                ListenPort = basePort + index,
                PeerPort = (alive, _) => PortOf(alive, basePort),
                ConnectTimeout = TimeSpan.FromSeconds(2),
            },
            Cluster = new ClusterOptions
            {
                Seeds = Enumerable.Range(1, Members).Select(NodeName).ToArray(),
                ReconnectInterval = TimeSpan.FromMilliseconds(500),
            },
        });

        var children = Enumerable.Range(0, Rooms)
            .Select(i => new DistributedChild(RoomName(i), () => new Room(RoomName(i))))
            .ToArray();
        var rooms = await DistributedSupervisor.StartAsync(node, "rooms", children, new DistributedSupervisorOptions
        {
            RestartDelay = TimeSpan.FromMilliseconds(100),
        });

        var counters = new ChatterCounters();
        await node.StartSupervisorAsync(Strategy.OneForOne, maxRestarts: 10, within: TimeSpan.FromSeconds(5),
            Enumerable.Range(0, UsersPerNode).Select(u => Chatter.ChildSpec($"user{index}.{u}", Rooms, counters, id: $"user{u}")).ToArray());

        using var stop = new CancellationTokenSource();
        var reporting = ReportAsync(node, rooms, counters, output, stop.Token);
        while (await input.ReadLineAsync() is { } line && line.Trim() != "stop")
        {
        }

        await stop.CancelAsync();
        await reporting;
    }

    /// <summary>Each member listens on <c>basePort + index</c>; names outside the cluster get a port nothing listens on.</summary>
    private static int PortOf(string alive, int basePort) =>
        alive.StartsWith("chat", StringComparison.Ordinal) && int.TryParse(alive.AsSpan(4), out var i) && i is >= 1 and <= Members
            ? basePort + i
            : 1;

    private static async Task ReportAsync(ArborNode node, DistributedSupervisor rooms, ChatterCounters counters, TextWriter output, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(StatusInterval);
        try
        {
            do
            {
                var status = new NodeStatus(node.NodeName!, rooms.LocalChildren.Keys.Order(StringComparer.Ordinal).ToArray(), node.Cluster.Members, counters.Delivered, counters.Failed);
                await output.WriteLineAsync(status.Format());
                await output.FlushAsync(CancellationToken.None);
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException)
        {
        }
    }
}
