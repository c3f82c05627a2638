using System.Threading.Tasks;
using Arbor.Distribution.Tests.Transport.Support;
using Arbor.Tests.Shared;

namespace Arbor.Distribution.Tests.Interop;

/// <summary>Arbor and a real Erlang node, in both directions: the same protocol, no mocks.</summary>
public sealed class ErlangInteropTests : IClassFixture<ErlangFixture>
{
    private static readonly Atom Add = Atom.Of("add");
    private static readonly Atom Get = Atom.Of("get");
    private readonly ErlangFixture _f;

    public ErlangInteropTests(ErlangFixture fixture) => _f = fixture;

    private ArborNode Node => _f.Node;

    private string Me => _f.Node.NodeName!;

    [ErlangFact]
    public async Task Each_side_can_connect_to_the_other()
    {
        await Node.ConnectAsync(_f.ErlName);
        Assert.Contains(_f.ErlName, Node.ConnectedNodes);
        Assert.Equal(Atom.Of("pong"), await _f.PeerAsync(new ErlangTuple(Atom.Of("net_ping"), Atom.Of(Me))));
    }

    [ErlangFact]
    public async Task Arbor_calls_an_Erlang_gen_server_and_terms_round_trip()
    {
        Assert.Equal(Atom.Of("pong"), await _f.PeerAsync(Atom.Of("ping")));
        var self = await Served.StartAsync(Node);
        var big = BigInteger.Pow(2, 200) + 1;
        var term = new ErlangTuple(Atom.Of("ünïcödé"), big, -5L, 2.5, new byte[] { 1, 2, 3 }, "text", self.Pid,
            new ErlangList([1L, 2L], Atom.Of("tail")), ErlangList.Empty);
        var echoed = await _f.PeerAsync(new ErlangTuple(Atom.Of("echo"), term));
        // A C# string goes out as a UTF-8 binary (an Elixir string) and comes back as bytes.
        var expected = new ErlangTuple(term[0], term[1], term[2], term[3], term[4], "text"u8.ToArray(), term[6], term[7], term[8]);
        Assert.Equal(expected, echoed);
    }

    [ErlangFact]
    public async Task Erlang_calls_an_Arbor_server_by_name_with_gen_server_call_and_gets_the_reply_through_its_alias()
    {
        await Served.StartAsync(Node, "counter_e");
        var reply = await _f.PeerAsync(new ErlangTuple(Atom.Of("call"), new ErlangTuple(Atom.Of("counter_e"), Atom.Of(Me)), new ErlangTuple(Add, 5L)));
        Assert.Equal(5L, reply);
    }

    [ErlangFact]
    public async Task Erlang_calls_and_casts_a_typed_remote_GenServer_through_its_generated_protocol()
    {
        await Mapping.Calculator.StartAsync(Node, "calc_e");
        var target = new ErlangTuple(Atom.Of("calc_e"), Atom.Of(Me));
        Assert.Equal(5L, await _f.PeerAsync(new ErlangTuple(Atom.Of("call"), target, new ErlangTuple(Add, 5L))));
        Assert.Equal("hello ada"u8.ToArray(), await _f.PeerAsync(new ErlangTuple(Atom.Of("call"), target, new ErlangTuple(Atom.Of("greet"), "ada"u8.ToArray(), false))));
        await _f.PeerAsync(new ErlangTuple(Atom.Of("cast"), target, Atom.Of("reset")));
        Assert.Equal(0L, await _f.PeerAsync(new ErlangTuple(Atom.Of("call"), target, Get)));

        // Arbor calls it the same way from another node.
        await using var other = await TestNodes.StartAsync(TestNodes.UniqueAlive("typed"), _f.EpmdPort, ErlangFixture.Cookie);
        Assert.Equal(2L, await other.CallAsync("calc_e", Me, new ErlangTuple(Add, 2L)));
    }

    [ErlangFact]
    public async Task Arbor_calls_and_casts_an_Erlang_gen_server_through_a_client_generated_from_its_declared_protocol()
    {
        var peer = Node.Whereis<Mapping.ErlangPeerRef>("peer", _f.ErlName);
        Assert.Equal(Atom.Of("pong"), await peer.PingAsync());
        var before = await peer.GetAsync();
        Assert.Equal(before + 3, await peer.AddAsync(3));
        var words = new Dictionary<string, int> { ["ünï"] = 1, ["b"] = 2 };
        Assert.Equal(words, await peer.EchoAsync(words));

        // {note, <<"typed">>} lands in the server's list of casts (a call behind it proves the cast arrived first).
        peer.Note("typed");
        var casts = (ErlangList)(await _f.PeerAsync(Atom.Of("casts")))!;
        Assert.Contains(new ErlangTuple(Atom.Of("note"), "typed"u8.ToArray()), casts.Elements);

        // A name nobody holds on the Erlang node is noproc.
        await Assert.ThrowsAsync<NoProcessException>(async () => await Node.Whereis<Mapping.ErlangPeerRef>("nobody_e", _f.ErlName).GetAsync());
    }

    [ErlangFact]
    public async Task A_reply_of_another_shape_fails_the_typed_call_with_RemoteReplyException()
    {
        // The peer answers ping with the atom pong; a protocol declaring an integer reply cannot decode it.
        var wrong = await Assert.ThrowsAsync<RemoteReplyException>(async () => await Node.Whereis<Mapping.MistakenPeerRef>("peer", _f.ErlName).PingAsync());
        Assert.Equal(Atom.Of("pong"), wrong.Reply);
        Assert.Contains("pong", wrong.Message);
    }

    [ErlangFact]
    public async Task Erlang_calling_an_Arbor_name_nobody_holds_gets_noproc()
    {
        var reply = (ErlangTuple)(await _f.PeerAsync(new ErlangTuple(Atom.Of("call"), new ErlangTuple(Atom.Of("nobody_here"), Atom.Of(Me)), Get)))!;
        Assert.Equal(Atom.Of("exit"), reply[0]);
        Assert.Equal(Atom.Of("noproc"), ((ErlangTuple)reply[1])[0]);
    }

    [ErlangFact]
    public async Task Casts_and_plain_messages_flow_both_ways()
    {
        var sink = await Served.StartAsync(Node, "sink_e");
        Node.Cast("peer", _f.ErlName, Atom.Of("hello_from_arbor"));
        var casts = (ErlangList)(await _f.PeerAsync(Atom.Of("casts")))!;
        Assert.Contains(Atom.Of("hello_from_arbor"), casts.Elements);

        await _f.PeerAsync(new ErlangTuple(Atom.Of("cast"), new ErlangTuple(Atom.Of("sink_e"), Atom.Of(Me)), Atom.Of("reset")));
        Assert.IsType<RemoteCast>(await sink.NextAsync<RemoteCast>());
        await _f.PeerAsync(new ErlangTuple(Atom.Of("send"), new ErlangTuple(Atom.Of("sink_e"), Atom.Of(Me)), new ErlangTuple(Atom.Of("info"), 42L)));
        Assert.Equal(42L, (await sink.NextAsync<ErlangTuple>())[1]);
    }

    [ErlangFact]
    public async Task An_Erlang_process_linked_to_an_Arbor_process_gets_its_exit_reason()
    {
        var target = await Served.StartAsync(Node, "linked_e");
        await _f.PeerAsync(new ErlangTuple(Atom.Of("link"), target.Pid));
        await RoundTripFromErlangAsync("linked_e"); // Arbor has handled the LINK
        target.Do(new TestServer.StopWith(ExitReason.Other(Atom.Of("boom"))));
        Assert.Equal(Atom.Of("boom"), await _f.PeerAsync(new ErlangTuple(Atom.Of("await"), target.Pid)));
    }

    [ErlangFact]
    public async Task An_Arbor_process_linked_to_an_Erlang_process_gets_its_exit_reason()
    {
        var arbor = await Served.StartAsync(Node);
        var worker = (Pid)(await _f.PeerAsync(Atom.Of("spawn_worker")))!;
        arbor.Do(new TestServer.TrapExits(true));
        arbor.Do(new TestServer.LinkTo(worker));
        await SyncAsync(arbor);
        await _f.PeerAsync(Atom.Of("ping")); // Erlang has the LINK
        await _f.PeerAsync(new ErlangTuple(Atom.Of("send"), worker, new ErlangTuple(Atom.Of("stop"), Atom.Of("boom"))));
        var exited = await arbor.NextAsync<Exited>();
        Assert.Equal(worker, exited.From);
        Assert.Equal(ExitReason.Other(Atom.Of("boom")), exited.Reason);
    }

    [ErlangFact]
    public async Task Erlang_monitors_an_Arbor_process_by_pid_and_by_name_and_gets_DOWN()
    {
        var target = await Served.StartAsync(Node, "watched_e");
        var byPid = await _f.PeerAsync(new ErlangTuple(Atom.Of("monitor"), target.Pid));
        var byName = await _f.PeerAsync(new ErlangTuple(Atom.Of("monitor"), new ErlangTuple(Atom.Of("watched_e"), Atom.Of(Me))));
        await RoundTripFromErlangAsync("watched_e");
        target.Do(new TestServer.StopWith(ExitReason.Shutdown));
        Assert.Equal(Atom.Of("shutdown"), await _f.PeerAsync(new ErlangTuple(Atom.Of("await"), byPid!)));
        Assert.Equal(Atom.Of("shutdown"), await _f.PeerAsync(new ErlangTuple(Atom.Of("await"), byName!)));
    }

    [ErlangFact]
    public async Task Arbor_monitors_an_Erlang_process_and_gets_Down()
    {
        var watcher = await Served.StartAsync(Node);
        var worker = (Pid)(await _f.PeerAsync(Atom.Of("spawn_worker")))!;
        watcher.Do(new TestServer.MonitorTarget(worker));
        await watcher.NextAsync<MonitorRef>();
        await _f.PeerAsync(new ErlangTuple(Atom.Of("send"), worker, new ErlangTuple(Atom.Of("stop"), Atom.Of("done"))));
        var down = await watcher.NextAsync<Down>();
        Assert.Equal(worker, down.Pid);
        Assert.Equal(ExitReason.Other(Atom.Of("done")), down.Reason);
    }

    [ErlangFact]
    public async Task Cutting_the_connection_gives_noconnection_on_both_sides()
    {
        var target = await Served.StartAsync(Node, "cut_e");
        target.Do(new TestServer.TrapExits(true));
        var watcher = await Served.StartAsync(Node);
        var worker = (Pid)(await _f.PeerAsync(Atom.Of("spawn_worker")))!;
        watcher.Do(new TestServer.MonitorTarget(worker));
        await watcher.NextAsync<MonitorRef>();
        var erlMonitor = await _f.PeerAsync(new ErlangTuple(Atom.Of("monitor"), target.Pid));
        await RoundTripFromErlangAsync("cut_e");

        Assert.True(Node.Disconnect(_f.ErlName));
        Assert.Equal(ExitReason.NoConnection, (await watcher.NextAsync<Down>()).Reason);
        // The next call reconnects; Erlang saw the same loss.
        Assert.Equal(Atom.Of("noconnection"), await _f.PeerAsync(new ErlangTuple(Atom.Of("await"), erlMonitor!)));
    }

    [ErlangFact]
    public async Task A_wrong_cookie_is_refused_on_both_sides()
    {
        // Arbor dials with the wrong cookie: Erlang refuses.
        await using var stranger = await TestNodes.StartAsync(TestNodes.UniqueAlive("stranger"), _f.EpmdPort, cookie: "not-the-cookie");
        await Assert.ThrowsAsync<System.IO.IOException>(() => stranger.ConnectAsync(_f.ErlName));

        // Erlang dials with the wrong cookie: Arbor refuses (and logs why).
        var log = new ListLogger();
        await using var guarded = await TestNodes.StartAsync(TestNodes.UniqueAlive("guarded"), _f.EpmdPort, cookie: ErlangFixture.Cookie, log: log);
        Assert.Equal(Atom.Of("pang"), await _f.PeerAsync(new ErlangTuple(Atom.Of("ping_with_cookie"), Atom.Of(guarded.NodeName!), Atom.Of("wrong_cookie"))));
        Assert.Contains(log.Lines, line => line.Contains("wrong cookie", StringComparison.Ordinal));
        Assert.Empty(guarded.ConnectedNodes);

        // With the right cookie both work.
        Assert.Equal(Atom.Of("pong"), await _f.PeerAsync(new ErlangTuple(Atom.Of("net_ping"), Atom.Of(guarded.NodeName!))));
    }

    /// <summary>Erlang calls an Arbor server: everything Erlang sent before has reached Arbor (one connection, in order).</summary>
    private Task RoundTripFromErlangAsync(string arborName) =>
        _f.PeerAsync(new ErlangTuple(Atom.Of("call"), new ErlangTuple(Atom.Of(arborName), Atom.Of(Me)), Get));

    private static async Task SyncAsync(Served server)
    {
        var marker = Guid.NewGuid().ToString();
        server.Pid.Send(marker);
        while (await server.NextAsync<string>() != marker)
        {
        }
    }
}
