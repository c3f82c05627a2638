using System.IO;
using System.Threading.Tasks;
using Arbor.Distribution.Tests.Transport.Support;

namespace Arbor.Distribution.Tests.Transport;

/// <summary>Two Arbor nodes in this test process, over loopback TCP, through the embedded EPMD registrar.</summary>
public sealed class ArborToArborTests : IAsyncLifetime
{
    private readonly int _epmd = TestNodes.FreePort();
    private ArborNode _a = null!;
    private ArborNode _b = null!;

    public async Task InitializeAsync()
    {
        _a = await TestNodes.StartAsync(TestNodes.UniqueAlive("a"), _epmd, log: new ListLogger { Echo = Environment.GetEnvironmentVariable("ARBOR_TEST_LOG") == "1" });
        _b = await TestNodes.StartAsync(TestNodes.UniqueAlive("b"), _epmd, log: new ListLogger { Echo = Environment.GetEnvironmentVariable("ARBOR_TEST_LOG") == "1" });
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }

    [Fact]
    public async Task A_call_by_name_reaches_a_server_on_the_other_node_and_its_reply_comes_back()
    {
        await Served.StartAsync(_b, "counter");
        Assert.Equal(5L, await _a.CallAsync("counter", _b.NodeName!, new ErlangTuple(Atom.Of("add"), 5)));
        Assert.Equal(7L, await _a.CallAsync("counter", _b.NodeName!, new ErlangTuple(Atom.Of("add"), 2)));
        Assert.Contains(_b.NodeName!, _a.ConnectedNodes);
        Assert.Contains(_a.NodeName!, _b.ConnectedNodes);
    }

    [Fact]
    public async Task A_remote_pid_prints_like_Erlang_and_round_trips_to_the_same_local_process()
    {
        var server = await Served.StartAsync(_b, "who");
        var remote = (Pid)(await _a.CallAsync("who", _b.NodeName!, Atom.Of("self")))!;
        Assert.True(remote.IsRemote);
        Assert.Equal(_b.NodeName, remote.Node);
        Assert.Matches(@"^<[1-9]\d*\.\d+\.\d+>$", remote.ToString());

        // Sent back to b inside a message, the pid is b's own local process again.
        _a.Send("who", _b.NodeName!, new ErlangTuple(Atom.Of("its_you"), remote));
        var echoed = await server.NextAsync<ErlangTuple>();
        Assert.Equal(server.Pid, echoed[1]);
    }

    [Fact]
    public async Task A_call_and_an_exit_signal_reach_a_remote_pid()
    {
        var server = await Served.StartAsync(_b, "bypid");
        var remote = (Pid)(await _a.CallAsync("bypid", _b.NodeName!, Atom.Of("self")))!;
        Assert.Equal(4L, await _a.CallAsync(remote, new ErlangTuple(Atom.Of("add"), 4)));

        // exit(Pid, kill) from another node cannot be trapped.
        server.Do(new TestServer.TrapExits(true));
        await _a.CallAsync(remote, Atom.Of("get"));
        _a.Exit(remote, ExitReason.Kill);
        Assert.Equal(ExitReason.Killed, await _b.WhenExited(server.Pid));
        var gone = await Assert.ThrowsAsync<NoProcessException>(() => _a.CallAsync(remote, Atom.Of("get")));
        Assert.Equal(remote, gone.Target);
    }

    [Fact]
    public async Task Calling_a_name_nobody_holds_fails_with_noproc_and_a_timeout_with_CallTimeoutException()
    {
        await Assert.ThrowsAsync<NoProcessException>(() => _a.CallAsync("nobody", _b.NodeName!, Atom.Of("get")));
        var silent = await Served.StartAsync(_b, "silent");
        await Assert.ThrowsAsync<CallTimeoutException>(() => _a.CallAsync("silent", _b.NodeName!, Atom.Of("ignore"), TimeSpan.FromMilliseconds(300)));
        Assert.True(silent.Pid.IsAlive);
    }

    [Fact]
    public async Task Casts_and_plain_messages_arrive_in_order_as_RemoteCast_and_terms()
    {
        var server = await Served.StartAsync(_b, "sink");
        _a.Cast("sink", _b.NodeName!, Atom.Of("reset"));
        _a.Send("sink", _b.NodeName!, new ErlangTuple(Atom.Of("hello"), 1));
        Assert.IsType<RemoteCast>(await server.NextAsync<RemoteCast>());
        var hello = await server.NextAsync<ErlangTuple>();
        Assert.Equal(1L, hello[1]);
    }

    [Fact]
    public async Task A_link_across_nodes_carries_the_exit_reason_both_ways()
    {
        var onA = await Served.StartAsync(_a, "la");
        var onB = await Served.StartAsync(_b, "lb");
        var remoteB = (Pid)(await _a.CallAsync("lb", _b.NodeName!, Atom.Of("self")))!;
        onA.Do(new TestServer.TrapExits(true));
        onA.Do(new TestServer.LinkTo(remoteB));

        // b's server crashes: a (trapping) gets Exited with the reason.
        await SyncAsync(onA);
        await _a.CallAsync("lb", _b.NodeName!, Atom.Of("get")); // frames are ordered: b has the LINK now
        onB.Do(new TestServer.StopWith(ExitReason.Other(Atom.Of("boom"))));
        var exited = await onA.NextAsync<Exited>();
        Assert.Equal(remoteB, exited.From);
        Assert.Equal(ExitReason.Other(Atom.Of("boom")), exited.Reason);
    }

    [Fact]
    public async Task A_non_trapping_process_linked_to_a_remote_one_dies_with_its_reason()
    {
        var onA = await Served.StartAsync(_a);
        var onB = await Served.StartAsync(_b, "victim");
        var remoteB = (Pid)(await _a.CallAsync("victim", _b.NodeName!, Atom.Of("self")))!;
        onA.Do(new TestServer.LinkTo(remoteB));
        await SyncAsync(onA);
        await _a.CallAsync("victim", _b.NodeName!, Atom.Of("get"));

        // a's process exits: the link takes b's server down with the same reason.
        onA.Do(new TestServer.StopWith(ExitReason.Other(Atom.Of("cascade"))));
        Assert.Equal(ExitReason.Other(Atom.Of("cascade")), await _b.WhenExited(onB.Pid));
    }

    [Fact]
    public async Task A_monitor_across_nodes_delivers_Down_with_the_reason_and_noproc_for_a_dead_pid()
    {
        var watcher = await Served.StartAsync(_a);
        var target = await Served.StartAsync(_b, "target");
        var remote = (Pid)(await _a.CallAsync("target", _b.NodeName!, Atom.Of("self")))!;
        watcher.Do(new TestServer.MonitorTarget(remote));
        var reference = await watcher.NextAsync<MonitorRef>();
        await _a.CallAsync("target", _b.NodeName!, Atom.Of("get")); // b has the MONITOR_P now
        target.Do(new TestServer.StopWith(ExitReason.Shutdown));
        var down = await watcher.NextAsync<Down>();
        Assert.Same(reference, down.Ref);
        Assert.Equal(remote, down.Pid);
        Assert.Equal(ExitReason.Shutdown, down.Reason);

        watcher.Do(new TestServer.MonitorTarget(remote));
        var again = await watcher.NextAsync<Down>();
        Assert.Equal(ExitReason.NoProc, again.Reason);
    }

    [Fact]
    public async Task Losing_the_connection_fires_noconnection_and_the_next_send_reconnects()
    {
        var watcher = await Served.StartAsync(_a);
        var linked = await Served.StartAsync(_a);
        var far = await Served.StartAsync(_b, "far");
        far.Do(new TestServer.TrapExits(true)); // survives the noconnection exit its side of the link gets
        await SyncAsync(far);
        var remote = (Pid)(await _a.CallAsync("far", _b.NodeName!, Atom.Of("self")))!;
        watcher.Do(new TestServer.MonitorTarget(remote));
        await watcher.NextAsync<MonitorRef>();
        linked.Do(new TestServer.TrapExits(true));
        linked.Do(new TestServer.LinkTo(remote));
        _a.MonitorNode(watcher.Pid, _b.NodeName!);
        await SyncAsync(linked);
        await _a.CallAsync("far", _b.NodeName!, Atom.Of("get")); // b has handled the LINK sent before this call

        Assert.True(_a.Disconnect(_b.NodeName!));
        Assert.Equal(ExitReason.NoConnection, (await watcher.NextAsync<Down>()).Reason);
        Assert.Equal(ExitReason.NoConnection, (await linked.NextAsync<Exited>()).Reason);
        Assert.Equal(_b.NodeName, (await watcher.NextAsync<NodeDown>()).Node);
        Assert.Equal(ExitReason.NoConnection, (await far.NextAsync<Exited>()).Reason);

        // Erlang reconnects on the next send; so does Arbor.
        Assert.Equal(1L, await _a.CallAsync("far", _b.NodeName!, new ErlangTuple(Atom.Of("add"), 1)));
    }

    [Fact]
    public async Task Node_monitors_report_NodeUp_and_NodeDown()
    {
        var watcher = await Served.StartAsync(_a);
        _a.MonitorNodes(watcher.Pid);
        await _a.ConnectAsync(_b.NodeName!);
        Assert.Equal(_b.NodeName, (await watcher.NextAsync<NodeUp>()).Node);
        _b.Disconnect(_a.NodeName!);
        Assert.Equal(_b.NodeName, (await watcher.NextAsync<NodeDown>()).Node);
        Assert.DoesNotContain(_b.NodeName!, _a.ConnectedNodes);
    }

    [Fact]
    public async Task Monitoring_a_node_that_does_not_exist_gives_NodeDown()
    {
        var watcher = await Served.StartAsync(_a);
        _a.MonitorNode(watcher.Pid, "nobody" + Environment.ProcessId + "@" + Nodes.NodeName.LocalHost(false));
        Assert.NotNull(await watcher.NextAsync<NodeDown>());
    }

    [Fact]
    public async Task A_node_with_another_cookie_is_refused_both_ways_and_the_peers_keep_working()
    {
        await using var stranger = await TestNodes.StartAsync(TestNodes.UniqueAlive("s"), _epmd, cookie: "other");
        await Assert.ThrowsAsync<IOException>(() => stranger.ConnectAsync(_a.NodeName!));
        await Assert.ThrowsAsync<IOException>(() => _a.ConnectAsync(stranger.NodeName!));
        Assert.Empty(stranger.ConnectedNodes);
        await _a.ConnectAsync(_b.NodeName!);
    }

    [Fact]
    public async Task Traffic_is_counted_per_peer()
    {
        await Served.StartAsync(_b, "metered");
        await _a.CallAsync("metered", _b.NodeName!, Atom.Of("get"));
        var peer = Assert.Single(_a.Peers, p => p.Node == _b.NodeName);
        Assert.Equal(Connections.ConnectionState.Up, peer.State);
        Assert.True(peer.Metrics.MessagesOut >= 2); // monitor + request
        Assert.True(peer.Metrics.MessagesIn >= 1);
        Assert.True(peer.Metrics.BytesOut > 0 && peer.Metrics.BytesIn > 0);
    }

    [Fact]
    public async Task Both_nodes_dialling_each_other_at_once_end_with_one_working_connection()
    {
        var onA = await Served.StartAsync(_a, "ca");
        var onB = await Served.StartAsync(_b, "cb");
        var fromA = _a.CallAsync("cb", _b.NodeName!, Atom.Of("get"));
        var fromB = _b.CallAsync("ca", _a.NodeName!, Atom.Of("get"));
        Assert.Equal(0L, await fromA);
        Assert.Equal(0L, await fromB);
        Assert.Single(_a.ConnectedNodes);
        Assert.Single(_b.ConnectedNodes);
        GC.KeepAlive(onA);
        GC.KeepAlive(onB);
    }

    /// <summary>Waits until everything sent to the server before has been handled (a round trip through its mailbox).</summary>
    private static async Task SyncAsync(Served server)
    {
        var marker = Guid.NewGuid().ToString();
        server.Pid.Send(marker);
        while (await server.NextAsync<string>() != marker)
        {
        }
    }
}
