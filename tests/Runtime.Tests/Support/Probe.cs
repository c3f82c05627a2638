using System;
using System.Threading.Channels;
using System.Threading.Tasks;
using Arbor;
using Arbor.Protocol;

namespace Arbor.Runtime.Tests.Support;

/// <summary>
/// A test process that forwards every info message to a channel the test reads, so a test waits for a message
/// instead of sleeping. Casts of <see cref="ProbeAction"/> run an action inside the probe (to link, monitor, trap...).
/// </summary>
internal sealed class Probe : GenServer
{
    private readonly ChannelWriter<object> _inbox;

    public Probe(ChannelWriter<object> inbox, bool trapExit)
    {
        _inbox = inbox;
        TrapExit = trapExit;
    }

    public Pid SelfPid => Self;

    public new void Link(Pid other) => base.Link(other);

    public new void Unlink(Pid other) => base.Unlink(other);

    public new MonitorRef Monitor(Pid target) => base.Monitor(target);

    public new bool Demonitor(MonitorRef reference, bool flush = false) => base.Demonitor(reference, flush);

    public new void Exit(Pid target, ExitReason reason) => base.Exit(target, reason);

    public new Arbor.Tasks.TaskRef StartTask<T>(Func<System.Threading.CancellationToken, Task<T>> work, Arbor.Tasks.TaskLink link = Arbor.Tasks.TaskLink.Linked) =>
        base.StartTask(work, link);

    public new Arbor.Tasks.TaskRef StartTask(Func<System.Threading.CancellationToken, Task> work, Arbor.Tasks.TaskLink link = Arbor.Tasks.TaskLink.Linked) =>
        base.StartTask(work, link);

    public new Arbor.Tasks.TaskRef RunTask(Func<System.Threading.CancellationToken, Task> work, Arbor.Tasks.TaskLink link = Arbor.Tasks.TaskLink.Linked) =>
        base.RunTask(work, link);

    public new Arbor.Tasks.TaskRef WatchTask(Task running, Arbor.Tasks.TaskLink link = Arbor.Tasks.TaskLink.Linked) =>
        base.WatchTask(running, link);

    public new void StopTask(Arbor.Tasks.TaskRef task) => base.StopTask(task);

    public new bool TrapExit
    {
        get => base.TrapExit;
        set => base.TrapExit = value;
    }

    protected override ValueTask HandleInfoAsync(object message)
    {
        _inbox.TryWrite(message);
        return default;
    }

    protected override ValueTask HandleCastAsync(CastMessage cast)
    {
        if (cast is ProbeAction action)
        {
            action.Run(this);
            return default;
        }

        return base.HandleCastAsync(cast);
    }

    protected override ValueTask HandleCallAsync(CallMessage call)
    {
        if (call is ProbeQuery query)
        {
            Reply(query, query.Run(this));
            return default;
        }

        return base.HandleCallAsync(call);
    }
}

internal sealed class ProbeAction : CastMessage
{
    private readonly Action<Probe> _action;

    public ProbeAction(Action<Probe> action) => _action = action;

    public void Run(Probe probe) => _action(probe);
}

internal sealed class ProbeQuery : CallMessage<object?>
{
    private readonly Func<Probe, object?> _query;

    public ProbeQuery(Func<Probe, object?> query) => _query = query;

    public object? Run(Probe probe) => _query(probe);
}

/// <summary>The test's handle on a probe: its pid and the messages it received.</summary>
internal sealed class ProbeHandle
{
    private readonly Channel<object> _messages;

    private ProbeHandle(Pid pid, Channel<object> messages)
    {
        Pid = pid;
        _messages = messages;
    }

    public Pid Pid { get; }

    public static async Task<ProbeHandle> StartAsync(ArborNode node, bool trapExit = false, string? name = null)
    {
        var channel = Channel.CreateUnbounded<object>();
        var result = await GenServer.StartAsync(node, () => new Probe(channel.Writer, trapExit), new StartOptions { Name = name });
        return new ProbeHandle(result.EnsureStarted("probe"), channel);
    }

    /// <summary>Runs <paramref name="action"/> inside the probe and waits until it has run.</summary>
    public async Task DoAsync(Action<Probe> action) => await QueryAsync(p =>
    {
        action(p);
        return null;
    });

    public async Task<object?> QueryAsync(Func<Probe, object?> query) => await GenServer.CallAsync(Pid, new ProbeQuery(query));

    public async Task<T> ReceiveAsync<T>()
    {
        var message = await _messages.Reader.ReadAsync().AsTask().Within();
        return Assert.IsType<T>(message);
    }

    public async Task<object> ReceiveAnyAsync() => await _messages.Reader.ReadAsync().AsTask().Within();

    public bool TryReceive(out object? message) => _messages.Reader.TryRead(out message);

    /// <summary>Asserts that nothing has arrived by the time the probe has handled everything sent to it before now.</summary>
    public async Task AssertNoMessageAsync()
    {
        await QueryAsync(_ => null);
        Assert.False(_messages.Reader.TryRead(out var unexpected), $"unexpected message {unexpected}");
    }
}
