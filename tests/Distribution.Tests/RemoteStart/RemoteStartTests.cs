using System.Threading.Tasks;
using Arbor.Distribution.RemoteStart;
using Arbor.Distribution.Tests.Transport.Support;

namespace Arbor.Distribution.Tests.RemoteStart;

/// <summary>Remote starts between two Arbor nodes over loopback: what a node made startable starts, nothing else does.</summary>
public sealed class RemoteStartTests : IAsyncLifetime
{
    private static readonly Atom Get = Atom.Of("get");
    private readonly int _epmd = TestNodes.FreePort();
    private ArborNode _a = null!;
    private ArborNode _b = null!;

    public async Task InitializeAsync()
    {
        _a = await TestNodes.StartAsync(TestNodes.UniqueAlive("ra"), _epmd, log: new ListLogger { Echo = Environment.GetEnvironmentVariable("ARBOR_TEST_LOG") == "1" });
        _b = await TestNodes.StartAsync(TestNodes.UniqueAlive("rb"), _epmd, log: new ListLogger { Echo = Environment.GetEnvironmentVariable("ARBOR_TEST_LOG") == "1" });
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }

    [Fact]
    public async Task A_node_starts_a_server_another_node_made_startable_and_calls_it()
    {
        var workers = new StartedWorkers(_b);
        var result = await _a.StartRemoteAsync(_b.NodeName!, "worker", [7L]);

        Assert.Equal(StartStatus.Started, result.Status);
        Assert.True(result.Pid.IsRemote);
        var local = await workers.NextAsync();
        Assert.Equal(local.Id, result.Pid.Id);
        Assert.Equal(7L, await _a.CallAsync(result.Pid, Get));
    }

    [Fact]
    public async Task An_unknown_name_gets_badarg_and_starts_nothing()
    {
        var workers = new StartedWorkers(_b);
        var result = await _a.StartRemoteAsync(_b.NodeName!, "System.Diagnostics.Process", [1L]);

        Assert.Equal(StartStatus.Failed, result.Status);
        Assert.Equal(ExitReason.Other(Atom.Of("badarg")), result.Reason);
        // The connection is still fine, and a real start afterwards is the first worker ever started.
        Assert.True((await _a.StartRemoteAsync(_b.NodeName!, "worker", [1L])).IsStarted);
        await workers.NextAsync();
        Assert.True(workers.NoneStarted);
    }

    [Fact]
    public async Task A_start_whose_init_throws_fails_with_init_failed_and_leaves_nothing_running()
    {
        var workers = new StartedWorkers(_b);
        // A string where the worker reads a long: its init throws inside the new process.
        var result = await _a.StartRemoteAsync(_b.NodeName!, "worker", ["not a number"]);

        Assert.Equal(StartStatus.Failed, result.Status);
        Assert.Equal(ExitReason.Other(Atom.Of("init_failed")), result.Reason);
        Assert.True(workers.NoneStarted);
    }

    [Fact]
    public async Task A_typed_start_returns_a_client_and_a_failed_one_throws_StartFailedException()
    {
        _b.AllowRemoteStart("calc", _ => new Mapping.Calculator());
        var calculator = await _a.StartRemoteAsync<Mapping.CalculatorRef>(_b.NodeName!, "calc");
        Assert.Equal(4L, await calculator.AddAsync(4));

        await Assert.ThrowsAsync<StartFailedException>(() => _a.StartRemoteAsync<Mapping.CalculatorRef>(_b.NodeName!, "no_such_calc"));
    }

    [Fact]
    public async Task Bad_requests_are_refused_with_clear_errors()
    {
        new StartedWorkers(_b);
        Assert.Throws<ArgumentException>(() => _b.AllowRemoteStart("worker", _ => new Mapping.Calculator()));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _a.StartRemoteAsync(_b.NodeName!, "worker", [1L], new RemoteStartOptions { Link = true }));
        await Assert.ThrowsAsync<ArgumentException>(() => _a.StartRemoteAsync(_b.NodeName!, "worker", [new object()]));
        Assert.True(_b.ForbidRemoteStart("worker"));
        Assert.Equal(ExitReason.Other(Atom.Of("badarg")), (await _a.StartRemoteAsync(_b.NodeName!, "worker", [1L])).Reason);
    }

    [Fact]
    public async Task A_start_on_a_node_that_cannot_be_reached_fails_with_noconnection()
    {
        var result = await _a.StartRemoteAsync("nobody" + _epmd + "@localhost", "worker", [1L]);
        Assert.Equal(StartStatus.Failed, result.Status);
        Assert.Equal(ExitReason.NoConnection, result.Reason);
    }
}
