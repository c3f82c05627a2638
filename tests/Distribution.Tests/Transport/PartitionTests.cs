using System.Threading.Tasks;
using Arbor.Distribution.Tests.Transport.Support;

namespace Arbor.Distribution.Tests.Transport;

/// <summary>
/// A live connection is cut by a fault-injecting proxy that silently drops bytes (no FIN, no RST): only the tick
/// mechanism can notice. Links fire with noconnection, monitors deliver Down, a call in flight fails, and after the
/// cut heals the nodes reconnect on the next send and work again.
/// </summary>
public sealed class PartitionTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_silent_partition_is_detected_by_ticks_and_the_nodes_reconnect_after_it_heals()
    {
        var portA = TestNodes.FreePort();
        var portB = TestNodes.FreePort();
        await using var proxy = new FaultyProxy(portB);
        // No EPMD: a reaches b only through the proxy; b would reach a directly (it never dials in this test).
        await using var a = await TestNodes.StartAsync(TestNodes.UniqueAlive("pa"), 1, tick: Tick, listenPort: portA, useEpmd: false, peerPort: (_, _) => proxy.Port);
        await using var b = await TestNodes.StartAsync(TestNodes.UniqueAlive("pb"), 1, tick: Tick, listenPort: portB, useEpmd: false, peerPort: (_, _) => portA);

        var server = await Served.StartAsync(b, "server");
        server.Do(new TestServer.TrapExits(true));
        var watcher = await Served.StartAsync(a);
        var linked = await Served.StartAsync(a);
        linked.Do(new TestServer.TrapExits(true));
        var remote = (Pid)(await a.CallAsync("server", b.NodeName!, Atom.Of("self")))!;
        watcher.Do(new TestServer.MonitorTarget(remote));
        await watcher.NextAsync<MonitorRef>();
        linked.Do(new TestServer.LinkTo(remote));
        await SyncAsync(linked);
        await a.CallAsync("server", b.NodeName!, Atom.Of("get")); // b has the LINK and MONITOR_P now

        var inFlight = a.CallAsync("server", b.NodeName!, Atom.Of("ignore"), System.Threading.Timeout.InfiniteTimeSpan);
        proxy.Cut();

        var failed = await Assert.ThrowsAsync<ProcessExitedException>(() => inFlight.WaitAsync(Tick * 10));
        Assert.Equal(ExitReason.NoConnection, failed.Reason);
        Assert.Equal(ExitReason.NoConnection, (await watcher.NextAsync<Down>()).Reason);
        Assert.Equal(ExitReason.NoConnection, (await linked.NextAsync<Exited>()).Reason);
        Assert.Equal(ExitReason.NoConnection, (await server.NextAsync<Exited>()).Reason); // b's side of the link
        Assert.Empty(a.ConnectedNodes);

        proxy.Heal();
        Assert.Equal(0L, await a.CallAsync("server", b.NodeName!, Atom.Of("get")));
        Assert.Equal(2, proxy.Accepted);
    }

    private static async Task SyncAsync(Served server)
    {
        var marker = Guid.NewGuid().ToString();
        server.Pid.Send(marker);
        while (await server.NextAsync<string>() != marker)
        {
        }
    }
}
