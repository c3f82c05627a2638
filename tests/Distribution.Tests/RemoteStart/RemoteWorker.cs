using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Arbor.Distribution.RemoteStart;

namespace Arbor.Distribution.Tests.RemoteStart;

/// <summary>
/// A server other nodes may start: it remembers its first start argument, answers every remote call with it, and
/// announces each incarnation's local pid on a channel the test reads (so a test waits for a (re)start, never sleeps).
/// </summary>
internal sealed class RemoteWorker : GenServer
{
    private readonly long _value;

    public RemoteWorker(RemoteStartRequest request, ChannelWriter<Pid> started)
    {
        _value = request.Int64(0);
        started.TryWrite(Self);
    }

    protected override ValueTask HandleInfoAsync(object message)
    {
        if (message is RemoteCall call)
        {
            call.Reply(_value);
        }

        return default;
    }
}

/// <summary>The incarnations of <see cref="RemoteWorker"/> started on one node, in start order.</summary>
internal sealed class StartedWorkers
{
    private readonly Channel<Pid> _started = Channel.CreateUnbounded<Pid>();

    /// <summary>Makes <paramref name="name"/> startable on <paramref name="node"/> as a <see cref="RemoteWorker"/>.</summary>
    public StartedWorkers(ArborNode node, string name = "worker") =>
        node.AllowRemoteStart(name, request => new RemoteWorker(request, _started.Writer));

    /// <summary>The local pid of the next worker started; fails after 20 s.</summary>
    public async Task<Pid> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        return await _started.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>True if no worker start is waiting to be read.</summary>
    public bool NoneStarted => !_started.Reader.TryPeek(out _);
}
