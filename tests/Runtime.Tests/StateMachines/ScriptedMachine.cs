using System;
using System.Threading.Channels;
using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Support;
using Arbor.StateMachines;

namespace Arbor.Runtime.Tests.StateMachines;

/// <summary>The callbacks of a <see cref="ScriptedMachine"/>; states are strings so a script can name them freely.</summary>
internal sealed class MachineScript
{
    public string Initial { get; init; } = "a";

    public Action<ScriptedMachine>? Constructor { get; init; }

    public Func<ScriptedMachine, StateMachineEvent, ValueTask>? Event { get; init; }

    public Action<ScriptedMachine, string>? Enter { get; init; }

    /// <summary>Info events go to the base handler (logged as unexpected and dropped) instead of the script.</summary>
    public bool InfoToBase { get; init; }

    public Func<ScriptedMachine, ExitReason, ValueTask>? Terminate { get; init; }
}

/// <summary>
/// A state machine whose callbacks are lambdas supplied by the test, with the protected actions made public. Every
/// event and enter call is written to a trace the test reads in order ("cast x in a", "enter b from a"), so a test
/// waits for what happened instead of sleeping.
/// </summary>
internal sealed class ScriptedMachine : StateMachine<string>
{
    private readonly MachineScript _script;
    private readonly ChannelWriter<string> _trace;

    private ScriptedMachine(MachineScript script, ChannelWriter<string> trace)
        : base(script.Initial)
    {
        _script = script;
        _trace = trace;
        script.Constructor?.Invoke(this);
    }

    public string Current => State;

    public Pid Me => Self;

    public static async Task<MachineHandle> StartAsync(ArborNode node, MachineScript script, StartOptions? options = null)
    {
        var trace = Channel.CreateUnbounded<string>();
        var result = await StateMachine.StartAsync(node, () => new ScriptedMachine(script, trace.Writer), options);
        return new MachineHandle(result.EnsureStarted("scripted machine"), trace.Reader);
    }

    public static async Task<StartResult> TryStartAsync(ArborNode node, MachineScript script) =>
        await StateMachine.StartAsync(node, () => new ScriptedMachine(script, Channel.CreateUnbounded<string>().Writer));

    public void Trace(string line) => _trace.TryWrite(line);

    public new void GoTo(string next) => base.GoTo(next);

    public new void RepeatState() => base.RepeatState();

    public new void Postpone() => base.Postpone();

    public new void NextEvent(object content) => base.NextEvent(content);

    public new void Stop(ExitReason reason) => base.Stop(reason);

    public new void StateTimeout(TimeSpan after, object? content = null) => base.StateTimeout(after, content);

    public new void CancelStateTimeout() => base.CancelStateTimeout();

    public new void EventTimeout(TimeSpan after, object? content = null) => base.EventTimeout(after, content);

    public new void StartTimeout(string name, TimeSpan after, object? content = null) => base.StartTimeout(name, after, content);

    public new void UpdateTimeout(string name, object? content) => base.UpdateTimeout(name, content);

    public new void CancelTimeout(string name) => base.CancelTimeout(name);

    public new Arbor.Tasks.TaskRef StartTask<T>(Func<System.Threading.CancellationToken, Task<T>> work, Arbor.Tasks.TaskLink link = Arbor.Tasks.TaskLink.Linked) =>
        base.StartTask(work, link);

    public void Answer(Ask ask, object? value) => Reply(ask, value);

    public static ReplyTo<object?> Defer(Ask ask) => DeferReply(ask);

    public override string ToString() => "scripted data";

    protected override ValueTask HandleEventAsync(StateMachineEvent stateEvent)
    {
        Trace($"{Describe(stateEvent)} in {State}");
        return _script.Event is { } handler && !(_script.InfoToBase && stateEvent.Kind == EventKind.Info)
            ? handler(this, stateEvent)
            : base.HandleEventAsync(stateEvent);
    }

    protected override ValueTask HandleEnterAsync(string previous)
    {
        Trace($"enter {State} from {previous}");
        _script.Enter?.Invoke(this, previous);
        return default;
    }

    protected override ValueTask TerminateAsync(ExitReason reason)
    {
        Trace($"terminate {reason} in {State}");
        return _script.Terminate is { } handler ? handler(this, reason) : default;
    }

    /// <summary>"cast x", "call x", "info x", "internal x", "state_timeout x", "timeout x", "timeout:name x".</summary>
    public static string Describe(StateMachineEvent e) => e.Kind switch
    {
        EventKind.Call => "call " + ((Ask)e.Content!).Payload,
        EventKind.Cast => "cast " + ((Tell)e.Content!).Payload,
        EventKind.Info => "info " + e.Content,
        EventKind.Internal => "internal " + e.Content,
        EventKind.StateTimeout => "state_timeout " + e.Content,
        EventKind.EventTimeout => "event_timeout " + e.Content,
        _ => $"timeout:{e.TimeoutName} {e.Content}",
    };

    /// <summary>The payload of a call or cast, the content otherwise.</summary>
    public static object? Payload(StateMachineEvent e) => e.Content switch
    {
        Ask ask => ask.Payload,
        Tell tell => tell.Payload,
        var other => other,
    };
}

/// <summary>The test's handle on a scripted machine: its pid and its trace.</summary>
internal sealed class MachineHandle(Pid pid, ChannelReader<string> trace)
{
    public Pid Pid { get; } = pid;

    public void Tell(object payload) => GenServer.Cast(Pid, new Tell(payload));

    public Task<object?> AskAsync(object payload, TimeSpan? timeout = null) => GenServer.CallAsync(Pid, new Ask(payload), timeout).AsTask();

    public async Task<string> NextAsync() => await trace.ReadAsync().AsTask().Within();

    /// <summary>Reads the next <paramref name="count"/> trace lines.</summary>
    public async Task<string[]> NextAsync(int count)
    {
        var lines = new string[count];
        for (var i = 0; i < count; i++)
        {
            lines[i] = await NextAsync();
        }

        return lines;
    }

    public bool TryNext(out string? line) => trace.TryRead(out line);
}
