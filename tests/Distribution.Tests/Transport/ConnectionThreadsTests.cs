using System.Threading;
using System.Threading.Tasks;
using Arbor.Distribution.Connections;
using Arbor.Distribution.Tests.Transport.Support;

namespace Arbor.Distribution.Tests.Transport;

/// <summary>
/// The threads of a plain TCP connection: the reader runs the process a batch of frames wakes, and hands reading to a
/// new thread when that process's handler holds it; the writer takes bursts the socket cannot take at once; a call's
/// demonitor goes out on its own when no further write takes it along.
/// </summary>
public sealed class ConnectionThreadsTests : IAsyncLifetime
{
    private static readonly Atom Hold = Atom.Of("hold");
    private readonly int _epmd = TestNodes.FreePort();
    private ArborNode _a = null!;
    private ArborNode _b = null!;

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
    public async Task A_handler_that_holds_the_reader_thread_does_not_stall_its_connection()
    {
        using var gate = new SemaphoreSlim(0);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holder = await GenServer.StartAsync(_b, () => new Holder(gate, entered), new StartOptions { Name = "holder" });
        var counter = await Served.StartAsync(_b, "counter");
        await _a.ConnectAsync(_b.NodeName!);

        // The cast wakes the idle holder, which the reader of b's connection runs itself; its handler then blocks.
        _a.Cast("holder", _b.NodeName!, Hold);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(20));

        // Frames behind it still arrive: the watchdog moved reading to a new thread.
        Assert.Equal(3L, await _a.CallAsync("counter", _b.NodeName!, new ErlangTuple(Atom.Of("add"), 3), TimeSpan.FromSeconds(20)));
        var peer = Assert.Single(_b.Peers, p => p.Node == _a.NodeName);
        Assert.True(peer.Metrics.ReaderHandOvers >= 1); // more only if a short turn looked held on a loaded machine

        // The held handler finishes its turn and the process goes on serving, over the same connection.
        gate.Release();
        Assert.Equal(1L, await _a.CallAsync("holder", _b.NodeName!, Atom.Of("held"), TimeSpan.FromSeconds(20)));
        Assert.Equal(5L, await _a.CallAsync("counter", _b.NodeName!, new ErlangTuple(Atom.Of("add"), 2), TimeSpan.FromSeconds(20)));
        Assert.Equal(ConnectionState.Up, peer.State);
        GC.KeepAlive(holder);
        GC.KeepAlive(counter);
    }

    [Fact]
    public async Task A_burst_larger_than_the_socket_buffers_arrives_whole_and_in_order()
    {
        var server = await Served.StartAsync(_b, "burst");
        var payload = new byte[4096];
        const int casts = 5_000; // 20 MB: far more than loopback's socket buffers take at once
        for (var i = 0; i < casts; i++)
        {
            _a.Send("burst", _b.NodeName!, new ErlangTuple(Atom.Of("n"), (long)i, payload));
        }

        for (var i = 0; i < casts; i++)
        {
            var message = await server.NextAsync<ErlangTuple>();
            Assert.Equal((long)i, message[1]);
        }
    }

    [Fact]
    public async Task A_calls_demonitor_goes_out_when_no_later_write_takes_it_along()
    {
        await Served.StartAsync(_b, "quiet");
        await _a.ConnectAsync(_b.NodeName!);
        var atB = Assert.Single(_b.Peers, p => p.Node == _a.NodeName);
        var before = atB.Metrics.MessagesIn; // ticks are not counted

        // Each call is a monitor and a request, then a demonitor that follows alone: nothing else is sent after it.
        for (var call = 1; call <= 2; call++)
        {
            await _a.CallAsync("quiet", _b.NodeName!, Atom.Of("get"));
            await ArrivedAsync(atB, before + (3 * call));
        }

        Assert.Equal(before + 6, atB.Metrics.MessagesIn);
    }

    /// <summary>Waits (20 s at most) until <paramref name="peer"/> has received <paramref name="count"/> messages.</summary>
    private static async Task ArrivedAsync(PeerInfo peer, long count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (peer.Metrics.MessagesIn < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }

        Assert.Equal(count, peer.Metrics.MessagesIn);
    }

    /// <summary>A server whose <c>hold</c> cast blocks its handler until the test opens the gate (a handler that holds its thread).</summary>
    private sealed class Holder(SemaphoreSlim gate, TaskCompletionSource entered) : GenServer
    {
        private long _held;

        protected override ValueTask HandleInfoAsync(object message)
        {
            switch (message)
            {
                case RemoteCast { Request: Atom hold } when hold == Hold:
                    entered.TrySetResult();
                    gate.Wait(); // blocking on purpose: this handler stands for one that holds its thread
                    _held++;
                    break;
                case RemoteCall call:
                    call.Reply(_held);
                    break;
            }

            return default;
        }
    }
}
