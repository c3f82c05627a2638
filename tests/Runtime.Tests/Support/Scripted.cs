using System;
using System.Threading;
using System.Threading.Tasks;
using Arbor;
using Arbor.Protocol;

namespace Arbor.Runtime.Tests.Support;

/// <summary>A call whose meaning the test's script decides.</summary>
internal sealed class Ask : CallMessage<object?>
{
    public Ask(object? payload = null) => Payload = payload;

    public object? Payload { get; }

    public override string ToString() => $"Ask({Payload})";
}

/// <summary>A cast whose meaning the test's script decides.</summary>
internal sealed class Tell : CastMessage
{
    public Tell(object? payload = null) => Payload = payload;

    public object? Payload { get; }

    public override string ToString() => $"Tell({Payload})";
}

/// <summary>The callbacks of a <see cref="Scripted"/> server; unset ones fall back to the GenServer defaults.</summary>
internal sealed class Script
{
    public Action<Scripted>? Constructor { get; init; }

    public Func<Scripted, ValueTask<InitResult>>? Init { get; init; }

    public Func<Scripted, Ask, ValueTask>? Call { get; init; }

    public Func<Scripted, Tell, ValueTask>? Cast { get; init; }

    public Func<Scripted, object, ValueTask>? Info { get; init; }

    public Func<Scripted, object, ValueTask>? Continue { get; init; }

    public Func<Scripted, ExitReason, ValueTask>? Terminate { get; init; }
}

/// <summary>
/// A GenServer whose callbacks are lambdas supplied by the test, with the protected GenServer API made public so a
/// script can stop, continue, link, monitor and reply.
/// </summary>
internal sealed class Scripted : GenServer
{
    private readonly Script _script;

    public Scripted(Script script)
    {
        _script = script;
        ConstructedOnThread = Environment.CurrentManagedThreadId;
        SelfInConstructor = Self;
        script.Constructor?.Invoke(this);
    }

    public int ConstructedOnThread { get; }

    public Pid SelfInConstructor { get; }

    public Pid Me => Self;

    public Pid MyParent => Parent;

    public ArborNode MyNode => Node;

    public System.Threading.CancellationToken MyExitToken => ExitToken;

    public new bool TrapExit
    {
        get => base.TrapExit;
        set => base.TrapExit = value;
    }

    public new int? MaxMailboxLength
    {
        get => base.MaxMailboxLength;
        set => base.MaxMailboxLength = value;
    }

    public new TimeSpan? IdleTimeout
    {
        get => base.IdleTimeout;
        set => base.IdleTimeout = value;
    }

    public static ValueTask<StartResult> StartAsync(ArborNode node, Script script, StartOptions? options = null) =>
        GenServer.StartAsync(node, () => new Scripted(script), options);

    public static async Task<Pid> StartOkAsync(ArborNode node, Script script, StartOptions? options = null) =>
        (await StartAsync(node, script, options)).EnsureStarted("scripted server");

    public void Answer(Ask ask, object? value) => Reply(ask, value);

    public static ReplyTo<object?> Defer(Ask ask) => DeferReply(ask);

    public new void Stop(ExitReason reason) => base.Stop(reason);

    public new void Continue(object argument) => base.Continue(argument);

    public new void Link(Pid other) => base.Link(other);

    public new void Unlink(Pid other) => base.Unlink(other);

    public new MonitorRef Monitor(Pid target) => base.Monitor(target);

    public new bool Demonitor(MonitorRef reference, bool flush = false) => base.Demonitor(reference, flush);

    public new void Exit(Pid target, ExitReason reason) => base.Exit(target, reason);

    public new TimerRef SendAfter(TimeSpan delay, object message) => base.SendAfter(delay, message);

    /// <summary>Runs <paramref name="handler"/> on the dirty schedulers, as generated dispatch does for a handler marked <c>Dirty = true</c>.</summary>
    public ValueTask RunDirty<TMessage>(TMessage message, Func<Scripted, TMessage, ValueTask> handler) => RunDirtyAsync(this, message, handler);

    protected override ValueTask<InitResult> InitAsync() => _script.Init?.Invoke(this) ?? base.InitAsync();

    protected override ValueTask HandleCallAsync(CallMessage call) =>
        call is Ask ask && _script.Call is { } handler ? handler(this, ask) : base.HandleCallAsync(call);

    protected override ValueTask HandleCastAsync(CastMessage cast) =>
        cast is Tell tell && _script.Cast is { } handler ? handler(this, tell) : base.HandleCastAsync(cast);

    protected override ValueTask HandleInfoAsync(object message) =>
        _script.Info is { } handler ? handler(this, message) : base.HandleInfoAsync(message);

    protected override ValueTask HandleContinueAsync(object argument) =>
        _script.Continue is { } handler ? handler(this, argument) : base.HandleContinueAsync(argument);

    protected override ValueTask TerminateAsync(ExitReason reason) =>
        _script.Terminate is { } handler ? handler(this, reason) : base.TerminateAsync(reason);

    public static Task<object?> AskAsync(Pid pid, object? payload = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        GenServer.CallAsync(pid, new Ask(payload), timeout, cancellationToken).AsTask();

    public static void Tell(Pid pid, object? payload = null) => GenServer.Cast(pid, new Tell(payload));
}
