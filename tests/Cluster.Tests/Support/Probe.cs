using System.Threading;
using System.Threading.Channels;

namespace Arbor.Cluster.Tests.Support;

/// <summary>A process whose info messages the test reads from a channel, so tests wait on messages, never sleep.</summary>
internal sealed class Probe
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly Channel<object> _inbox;

    private Probe(Pid pid, Channel<object> inbox)
    {
        Pid = pid;
        _inbox = inbox;
    }

    public Pid Pid { get; }

    public static async Task<Probe> StartAsync(ArborNode node, string? name = null)
    {
        var inbox = Channel.CreateUnbounded<object>();
        var started = await GenServer.StartAsync(node, () => new Server(inbox.Writer), new StartOptions { Name = name });
        return new Probe(started.EnsureStarted("probe"), inbox);
    }

    /// <summary>The next message of type <typeparamref name="T"/> that matches <paramref name="match"/>; others are skipped.</summary>
    public async Task<T> NextAsync<T>(Func<T, bool>? match = null)
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (true)
        {
            object message;
            try
            {
                message = await _inbox.Reader.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No {typeof(T).Name} arrived at {Pid} within {Wait}.");
            }

            if (message is T typed && (match is null || match(typed)))
            {
                return typed;
            }
        }
    }

    /// <summary>Runs <paramref name="action"/> inside the probe process (for APIs that need a calling process).</summary>
    public void Do(Action<ProcessContext> action) => Pid.Send(new Run(action));

    internal sealed record Run(Action<ProcessContext> Action);

    /// <summary>What an action inside the probe can use.</summary>
    internal sealed record ProcessContext(Pid Self, ArborNode Node);

    private sealed class Server(ChannelWriter<object> inbox) : GenServer
    {
        protected override ValueTask HandleInfoAsync(object message)
        {
            if (message is Run run)
            {
                run.Action(new ProcessContext(Self, Node));
            }
            else
            {
                inbox.TryWrite(message);
            }

            return default;
        }
    }
}
