using System.Threading;
using System.Threading.Tasks;
using Arbor.Distribution.Tests.Mapping;
using Arbor.Distribution.Tests.Transport.Support;

namespace Arbor.Distribution.Tests.Transport;

/// <summary>
/// Generated clients calling servers on another Arbor node: by <c>{Name, Node}</c> (<c>node.Whereis&lt;TRef&gt;(name, node)</c>)
/// and by remote pid, through the server's generated term codecs, with the exceptions of a local call.
/// </summary>
public sealed class TypedRemoteClientTests : IAsyncLifetime
{
    private readonly int _epmd = TestNodes.FreePort();
    private ArborNode _a = null!;
    private ArborNode _b = null!;

    private string B => _b.NodeName!;

    public async Task InitializeAsync()
    {
        _a = await TestNodes.StartAsync(TestNodes.UniqueAlive("ta"), _epmd);
        _b = await TestNodes.StartAsync(TestNodes.UniqueAlive("tb"), _epmd);
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }

    [Fact]
    public async Task A_typed_client_from_Whereis_with_a_node_calls_and_casts_a_server_there()
    {
        await Calculator.StartAsync(_b, "calc");
        var calc = _a.Whereis<CalculatorRef>("calc", B);
        Assert.True(calc.Pid.IsRemote);
        Assert.Equal("calc", calc.Pid.RegisteredName);
        Assert.Equal($"{{calc, {B}}}", calc.Pid.ToString());

        Assert.Equal(5L, await calc.AddAsync(5));
        Assert.Equal(7L, await calc.AddAsync(2));
        calc.Reset();
        Assert.Equal(0L, await calc.GetAsync()); // one connection, in order: the cast is handled first
        calc.SetTotal(40);
        Assert.Equal(42L, await calc.AddAsync(2));
    }

    [Fact]
    public async Task Every_mapped_type_travels_through_a_typed_remote_call()
    {
        await Calculator.StartAsync(_b, "calc_types");
        var calc = _a.Whereis<CalculatorRef>("calc_types", B);
        var big = BigInteger.Pow(3, 90);
        Assert.Equal(big * big, await calc.SquareAsync(big));
        Assert.Equal("HELLO ada!", await calc.GreetAsync("ada", shout: true));
        Assert.Equal(new Point(4, 6), await calc.MoveAsync(new Point(1, 2), (3, 4)));
        var counts = await calc.CountWordsAsync(["a", "b", "a"]);
        Assert.Equal(2, counts["a"]);
        Assert.Equal(1, counts["b"]);
        Assert.Equal(Color.DarkGreen, await calc.NextAsync(Color.Red));
        Assert.Null(await calc.NextAsync(Color.Blue));
        var profile = new Profile { Name = "ünï", Age = null, Tags = ["x", "y"], Home = new Point(0, 1) };
        var echoed = await calc.EchoAsync(profile);
        Assert.Equal(profile.Name, echoed.Name);
        Assert.Null(echoed.Age);
        Assert.Equal(profile.Tags, echoed.Tags);
        Assert.Equal(profile.Home, echoed.Home);
        Assert.Equal(new byte[] { 3, 4 }, await calc.ReadAsync(2, new byte[] { 1, 2, 3, 4 }));
        Assert.Equal(1.25, await calc.HalfAsync(2.5));
    }

    [Fact]
    public async Task A_remote_pid_from_a_reply_is_a_typed_client_too()
    {
        var local = await Calculator.StartAsync(_b, "calc_pid");
        var remote = await _a.Whereis<CalculatorRef>("calc_pid", B).SelfPidAsync();
        Assert.True(remote.IsRemote);
        Assert.Null(remote.RegisteredName);
        var calc = CalculatorRef.FromPid(remote);
        Assert.Equal(3L, await calc.AddAsync(3));
        Assert.Equal(3L, await local.GetAsync());

        // A pid in a request goes out as the caller's own pid and comes back as the same local value.
        Assert.Equal(remote, await calc.WhoAmIAsync(remote));
    }

    [Fact]
    public async Task A_declared_protocol_interface_gives_a_client_for_a_server_this_program_does_not_contain()
    {
        await Calculator.StartAsync(_b, "calc_iface");
        CalculatorProtocolRef calc = _a.Whereis<CalculatorProtocolRef>("calc_iface", B);
        ICalculatorProtocolClient client = calc;
        Assert.Equal(10L, await client.AddAsync(10));
        calc.Reset();
        Assert.Equal(0L, await calc.GetAsync());
        Assert.Equal(new Point(2, 2), await calc.MoveAsync(new Point(1, 1), (1, 1)));
    }

    [Fact]
    public async Task A_name_nobody_holds_fails_with_noproc_and_a_silent_server_with_a_timeout()
    {
        var nobody = await Assert.ThrowsAsync<NoProcessException>(async () => await _a.Whereis<CalculatorRef>("nobody", B).GetAsync());
        Assert.Equal("nobody", nobody.Target.RegisteredName);

        var gate = await Gate.StartAsync(_b, "gate_timeout");
        var client = _a.Whereis<GateRef>("gate_timeout", B);
        var timedOut = await Assert.ThrowsAsync<CallTimeoutException>(async () => await client.WaitAsync(TimeSpan.FromMilliseconds(200)));
        Assert.Contains("Wait()", timedOut.Message);
        Assert.True(gate.Pid.IsAlive);

        // The late reply is dropped; the server and the client go on.
        client.Release(1);
        Assert.Equal(0, await client.WaitingAsync());
    }

    [Fact]
    public async Task A_call_in_flight_fails_with_the_servers_exit_reason_when_it_dies()
    {
        var gate = await Gate.StartAsync(_b, "gate_exit");
        var client = _a.Whereis<GateRef>("gate_exit", B);
        var waiting = client.WaitAsync(Timeout.InfiniteTimeSpan).AsTask();
        Assert.Equal(1, await client.WaitingAsync());
        _b.Exit(gate.Pid, ExitReason.Kill);
        var exited = await Assert.ThrowsAsync<ProcessExitedException>(() => waiting);
        Assert.Equal(ExitReason.Killed, exited.Reason);

        var crashing = await Gate.StartAsync(_b, "gate_crash");
        var crash = await Assert.ThrowsAsync<ProcessExitedException>(async () => await _a.Whereis<GateRef>("gate_crash", B).CrashAsync("boom"));
        // A crash travels as {exception, <<"Type: message">>}.
        var reason = Assert.IsType<ErlangTuple>(crash.Reason.Detail);
        Assert.Equal(Atom.Of("exception"), reason[0]);
        Assert.Contains("boom", System.Text.Encoding.UTF8.GetString((byte[])reason[1]));
        Assert.NotEqual(ExitReason.Normal, await _b.WhenExited(crashing.Pid));
    }

    [Fact]
    public async Task A_call_in_flight_fails_with_noconnection_when_the_connection_goes_and_the_next_call_reconnects()
    {
        var gate = await Gate.StartAsync(_b, "gate_cut");
        var client = _a.Whereis<GateRef>("gate_cut", B);
        var waiting = client.WaitAsync(Timeout.InfiniteTimeSpan).AsTask();
        Assert.Equal(1, await client.WaitingAsync());
        Assert.True(_a.Disconnect(B));
        var cut = await Assert.ThrowsAsync<ProcessExitedException>(() => waiting);
        Assert.Equal(ExitReason.NoConnection, cut.Reason);

        Assert.True(gate.Pid.IsAlive);
        client.Release(0);
        Assert.Equal(0, await client.WaitingAsync());
    }

    [Fact]
    public async Task A_cancelled_remote_call_fails_with_OperationCanceledException()
    {
        await Gate.StartAsync(_b, "gate_cancel");
        using var cancel = new CancellationTokenSource();
        var waiting = _a.Whereis<GateRef>("gate_cancel", B).WaitAsync(Timeout.InfiniteTimeSpan, cancel.Token).AsTask();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task A_local_only_servers_client_cannot_reach_another_node_and_says_why()
    {
        await Calculator.StartAsync(_b, "calc_local");
        var remote = await _a.Whereis<CalculatorRef>("calc_local", B).SelfPidAsync();
        var error = Assert.Throws<ArgumentException>(() => { _ = LocalOnlyRef.FromPid(remote).GetAsync(); });
        Assert.Contains("GenServer(Remote = true)", error.Message);
    }

    [Fact]
    public async Task A_name_address_can_be_monitored_and_messaged_but_not_linked()
    {
        var target = await Served.StartAsync(_b, "named_target");
        var address = _a.Whereis("named_target", B);
        var watcher = await Served.StartAsync(_a);
        address.Send(new ErlangTuple(Atom.Of("hello"), 1));
        Assert.Equal(1L, (await target.NextAsync<ErlangTuple>())[1]);

        watcher.Do(new TestServer.MonitorTarget(address));
        var reference = await watcher.NextAsync<MonitorRef>();
        await _a.CallAsync("named_target", B, Atom.Of("get")); // b has the MONITOR_P now
        target.Do(new TestServer.StopWith(ExitReason.Shutdown));
        var down = await watcher.NextAsync<Down>();
        Assert.Same(reference, down.Ref);
        Assert.Equal(ExitReason.Shutdown, down.Reason);

        Assert.Throws<ArgumentException>(() => _a.Exit(address, ExitReason.Kill));
    }

    [Fact]
    public void Whereis_with_this_nodes_own_name_is_the_local_lookup()
    {
        Assert.Equal(Pid.None, _a.Whereis("not_registered", _a.NodeName!));
    }
}
