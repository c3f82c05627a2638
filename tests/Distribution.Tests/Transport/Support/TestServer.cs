using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Arbor.Protocol;

namespace Arbor.Distribution.Tests.Transport.Support;

/// <summary>
/// An Arbor server for the distribution tests: answers remote gen_server calls (<c>{add, N}</c>, <c>get</c>,
/// <c>{echo, T}</c>, <c>self</c>), counts casts, and forwards every other message to a channel the test reads — so
/// tests wait for messages, never sleep. Actions (link, monitor, trap exits, crash) run inside the server.
/// </summary>
internal sealed class TestServer : GenServer
{
    private static readonly Atom AddAtom = Atom.Of("add");
    private static readonly Atom GetAtom = Atom.Of("get");
    private static readonly Atom EchoAtom = Atom.Of("echo");
    private static readonly Atom SelfAtom = Atom.Of("self");
    private static readonly Atom ResetAtom = Atom.Of("reset");
    private static readonly Atom IgnoreAtom = Atom.Of("ignore");
    private readonly ChannelWriter<object> _inbox;
    private long _count;

    public TestServer(ChannelWriter<object> inbox) => _inbox = inbox;

    protected override ValueTask HandleInfoAsync(object message)
    {
        switch (message)
        {
            case RemoteCall { Request: Atom ignore } when ignore == IgnoreAtom:
                break; // never answered: the caller times out
            case RemoteCall call:
                call.Reply(Answer(call.Request));
                break;
            case RemoteCast { Request: Atom reset } when reset == ResetAtom:
                _count = 0;
                _inbox.TryWrite(message);
                break;
            case Action action:
                action.Run(this);
                break;
            default:
                _inbox.TryWrite(message);
                break;
        }

        return default;
    }

    private object Answer(object request) => request switch
    {
        ErlangTuple { Count: 2 } t when t[0] is Atom a && a == AddAtom && t[1] is long n => _count += n,
        Atom a when a == GetAtom => _count,
        Atom a when a == SelfAtom => Self,
        ErlangTuple { Count: 2 } t when t[0] is Atom a && a == EchoAtom => t[1],
        _ => new ErlangTuple(Atom.Error, Atom.Of("unknown_request")),
    };

    /// <summary>Something to do inside the server (send it as a plain message).</summary>
    internal abstract record Action
    {
        public abstract void Run(TestServer server);
    }

    internal sealed record LinkTo(Pid Target) : Action
    {
        public override void Run(TestServer server) => server.Link(Target);
    }

    internal sealed record UnlinkFrom(Pid Target) : Action
    {
        public override void Run(TestServer server) => server.Unlink(Target);
    }

    internal sealed record MonitorTarget(Pid Target) : Action
    {
        public override void Run(TestServer server) => server._inbox.TryWrite(server.Monitor(Target));
    }

    internal sealed record TrapExits(bool On) : Action
    {
        public override void Run(TestServer server) => server.TrapExit = On;
    }

    internal sealed record Crash(string Why) : Action
    {
        public override void Run(TestServer server) => throw new InvalidOperationException(Why);
    }

    internal sealed record StopWith(ExitReason Reason) : Action
    {
        public override void Run(TestServer server) => server.Stop(Reason);
    }
}

/// <summary>A started test server: its pid and the channel its messages arrive on.</summary>
internal sealed class Served
{
    private readonly Channel<object> _inbox;

    private Served(Pid pid, Channel<object> inbox)
    {
        Pid = pid;
        _inbox = inbox;
    }

    public Pid Pid { get; }

    public static async Task<Served> StartAsync(ArborNode node, string? name = null)
    {
        var inbox = Channel.CreateUnbounded<object>();
        var result = await GenServer.StartAsync(node, () => new TestServer(inbox.Writer), name is null ? null : new StartOptions { Name = name });
        return new Served(result.Pid, inbox);
    }

    /// <summary>The next message of type <typeparamref name="T"/> (others are skipped); fails after 20 s.</summary>
    public async Task<T> NextAsync<T>(TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var message = await _inbox.Reader.ReadAsync(timeout.Token);
            if (message is T typed)
            {
                return typed;
            }
        }
    }

    public void Do(TestServer.Action action) => Pid.Send(action);
}
