using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Arbor.StateMachines;

/// <summary>
/// A state machine process (OTP <c>gen_statem</c>): a process whose behaviour depends on its current state, a value of
/// <typeparamref name="TState"/> (usually an enum). The instance's fields are the machine's data.
/// Users normally write a <c>[StateMachine] partial class</c> deriving from this class and let the generator write the
/// dispatch; hand-written subclasses override <see cref="HandleEventAsync"/> and <see cref="HandleEnterAsync"/>.
/// </summary>
/// <remarks>
/// <para>The constructor is the init callback and names the initial state; it runs inside the new process.</para>
/// <para>
/// A handler changes what happens next through actions on this class — <see cref="GoTo"/>, <see cref="RepeatState"/>,
/// <see cref="Postpone"/>, <see cref="NextEvent"/>, the timeouts and <see cref="Stop(ExitReason)"/> — which take effect
/// when the handler returns, in OTP's order: postpone, state change (postponed events are retried first, behind events
/// the transition inserted), the state enter call, then the timeouts.
/// </para>
/// </remarks>
/// <typeparam name="TState">The state type; states are compared with <see cref="EqualityComparer{T}.Default"/>.</typeparam>
public abstract partial class StateMachine<TState> : ProcessBehavior
    where TState : notnull
{
    private static readonly EqualityComparer<TState> s_states = EqualityComparer<TState>.Default;

    private TState _state;

    /// <summary>Creates the machine in <paramref name="initial"/>; only valid while the runtime starts a process for it.</summary>
    /// <param name="initial">The state the machine starts in; its enter call runs once init has finished.</param>
    protected StateMachine(TState initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        _state = initial;

        // The constructor is OTP's init: it may set timeouts and insert events, as init's actions can.
        _inTransition = true;
    }

    /// <summary>The current state.</summary>
    protected TState State => _state;

    /// <summary>This process.</summary>
    protected Pid Self => Owner.Pid;

    /// <summary>The node this process runs on.</summary>
    protected ArborNode Node => Owner.Node;

    /// <summary>A token cancelled when this process exits; async handlers pass it to the I/O they await.</summary>
    protected CancellationToken ExitToken => Owner.ExitToken;

    /// <summary>The process that started this one linked (its supervisor), or <see cref="Pid.None"/>.</summary>
    protected Pid Parent => Owner.Parent;

    /// <summary>
    /// Whether exit signals from linked processes arrive as <see cref="Exited"/> info events instead of stopping this
    /// process; an exit from <see cref="Parent"/> then stops the machine through <see cref="TerminateAsync"/>.
    /// </summary>
    protected bool TrapExit
    {
        get => Owner.TrapExit;
        set => Owner.TrapExit = value;
    }

    /// <summary>Links this process with <paramref name="other"/> (bidirectional, idempotent).</summary>
    protected void Link(Pid other)
    {
        if (other.Process is { } process)
        {
            Owner.Link(process);
        }
        else
        {
            throw new ArgumentException("Only local processes can be linked.", nameof(other));
        }
    }

    /// <summary>Removes a link (no-op when not linked).</summary>
    protected void Unlink(Pid other)
    {
        if (other.Process is { } process)
        {
            Owner.Unlink(process);
        }
    }

    /// <summary>Monitors <paramref name="target"/>: a <see cref="Down"/> info event arrives when it exits.</summary>
    protected MonitorRef Monitor(Pid target) => Owner.Monitor(target);

    /// <summary>Removes a monitor; with <paramref name="flush"/>, a <see cref="Down"/> for it already queued is dropped.</summary>
    protected bool Demonitor(MonitorRef reference, bool flush = false)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return Owner.Demonitor(reference, flush);
    }

    /// <summary>Sends <paramref name="message"/> to this process after <paramref name="delay"/>; it arrives as an info event.</summary>
    protected TimerRef SendAfter(TimeSpan delay, object message) => Node.SendAfter(Self, delay, message);

    /// <summary>Init beyond the constructor: may run asynchronously, or answer ignore or stop. Runs inside the new process.</summary>
    protected virtual ValueTask<InitResult> InitAsync() => new(InitResult.Ok);

    /// <summary>
    /// Handles one event in the current <see cref="State"/>. The generated override routes each event to the handler
    /// declared for it in this state (or in any state).
    /// </summary>
    /// <param name="stateEvent">The event.</param>
    /// <exception cref="UnexpectedMessageException">The default for calls, casts, internal events and timeouts: the machine crashes, as in OTP.</exception>
    protected virtual ValueTask HandleEventAsync(StateMachineEvent stateEvent)
    {
        if (stateEvent.Kind == EventKind.Info)
        {
            Node.Reporter.UnexpectedInfo(Owner, stateEvent.Content!);
            return default;
        }

        throw Unexpected(stateEvent);
    }

    /// <summary>
    /// The state enter call: runs after every state change, after <see cref="RepeatState"/>, and once for the initial
    /// state after init. It may set timeouts, reply and stop, but not change the state, postpone or insert events.
    /// </summary>
    /// <param name="previous">The state the machine left (the initial state itself on the first call).</param>
    protected virtual ValueTask HandleEnterAsync(TState previous) => default;

    /// <summary>The terminate hook: runs on stop, on a handler crash, and on the parent's exit while trapping exits; not when killed.</summary>
    protected virtual ValueTask TerminateAsync(ExitReason reason) => default;

    /// <summary>The exception the machine crashes with when an event has no handler in the current state.</summary>
    protected UnexpectedMessageException Unexpected(StateMachineEvent stateEvent) =>
        new(GetType(), KindName(stateEvent.Kind) + " in state " + DescribeStateValue(), stateEvent.Content ?? (object)stateEvent.Kind);

    internal override ValueTask TerminateCoreAsync(ExitReason reason)
    {
        CancelAllTimeouts();
        return TerminateAsync(reason);
    }

    /// <summary>Crash reports show the state beside the data (the instance's own description).</summary>
    internal override string DescribeState()
    {
        string data;
        try
        {
            data = ToString() ?? GetType().Name;
        }
        catch (Exception exception)
        {
            data = $"{GetType().Name} (ToString threw {exception.GetType().Name})";
        }

        return $"state {DescribeStateValue()}, data {data}";
    }

    private static bool SameState(TState a, TState b) => s_states.Equals(a, b);

    private static string KindName(EventKind kind) => kind switch
    {
        EventKind.Call => "call",
        EventKind.Cast => "cast",
        EventKind.Info => "info",
        EventKind.Internal => "internal event",
        EventKind.StateTimeout => "state timeout",
        EventKind.EventTimeout => "event timeout",
        _ => "timeout",
    };

    private string DescribeStateValue()
    {
        try
        {
            return _state.ToString() ?? typeof(TState).Name;
        }
        catch (Exception exception)
        {
            return $"{typeof(TState).Name} (ToString threw {exception.GetType().Name})";
        }
    }
}
