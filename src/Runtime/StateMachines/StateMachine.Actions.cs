using System;
using System.Collections.Generic;
using System.ComponentModel;
using Arbor.Protocol;

namespace Arbor.StateMachines;

public abstract partial class StateMachine<TState>
{
    // The transition being built by the running handler (or the constructor, or an enter call).
    private bool _inTransition;
    private bool _inEnter;
    private bool _goTo;
    private TState? _target;
    private bool _repeat;
    private bool _postpone;
    private List<StateMachineEvent>? _inserted;

    /// <summary>
    /// Moves to <paramref name="next"/> when the handler returns (OTP <c>next_state</c>). Moving to a different state
    /// cancels the state timeout, retries postponed events and runs the enter call; moving to the current state is
    /// <c>keep_state</c>: nothing of that happens.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called outside a handler, or by an enter call to change the state.</exception>
    protected void GoTo(TState next)
    {
        ArgumentNullException.ThrowIfNull(next);
        EnsureInTransition(nameof(GoTo));
        if (_inEnter && !SameState(next, _state))
        {
            throw new InvalidOperationException(
                $"A state enter call cannot change the state (it tried to move from {DescribeStateValue()} to {next}); " +
                "change state in an event handler, or insert an event with NextEvent from the handler that moved here.");
        }

        _goTo = true;
        _target = next;
    }

    /// <summary>
    /// Stays in the current state but runs its enter call again (OTP <c>repeat_state</c>); postponed events are not
    /// retried, because the state did not change.
    /// </summary>
    protected void RepeatState()
    {
        EnsureInTransition(nameof(RepeatState));
        if (!_inEnter)
        {
            _repeat = true;
        }
    }

    /// <summary>
    /// Keeps the current event until the state changes, then handles it again before later events (OTP <c>postpone</c>).
    /// A postponed call stays unanswered until it is handled.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called outside an event handler (an enter call cannot postpone).</exception>
    protected void Postpone()
    {
        EnsureInTransition(nameof(Postpone));
        EnsureNotEnter(nameof(Postpone));
        _postpone = true;
    }

    /// <summary>
    /// Inserts an <see cref="EventKind.Internal"/> event with <paramref name="content"/> ahead of every queued event
    /// (OTP <c>{next_event, internal, Content}</c>); several are handled in the order they were inserted.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called outside an event handler (an enter call cannot insert events).</exception>
    protected void NextEvent(object content)
    {
        ArgumentNullException.ThrowIfNull(content);
        EnsureInTransition(nameof(NextEvent));
        EnsureNotEnter(nameof(NextEvent));
        (_inserted ??= new List<StateMachineEvent>()).Add(new StateMachineEvent(EventKind.Internal, content));
    }

    /// <summary>Stops the machine normally once the handler returns.</summary>
    protected void Stop() => Stop(ExitReason.Normal);

    /// <summary>
    /// Stops the machine with <paramref name="reason"/> once the handler returns (OTP <c>{stop, Reason}</c>); the state
    /// does not change. Replies made by the handler are sent before <see cref="TerminateAsync"/> runs, as with
    /// gen_statem's <c>stop_and_reply</c>.
    /// </summary>
    protected void Stop(ExitReason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        Owner.RequestStop(reason);
    }

    /// <summary>Answers <paramref name="call"/> (OTP <c>{reply, From, Reply}</c>); used by generated dispatch.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected void Reply<T>(CallMessage<T> call, T value)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (Worker.InTurnOf(Owner))
        {
            if (call.TryStage(value))
            {
                Owner.StageReply(call);
            }
        }
        else
        {
            // An asynchronous handler resumed off its turn: there is no handler return to wait for.
            call.TryReply(value);
        }
    }

    /// <summary>The deferred-reply token for <paramref name="call"/>; used by generated dispatch for handlers that take a <see cref="ReplyTo{T}"/>.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static ReplyTo<T> DeferReply<T>(CallMessage<T> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new ReplyTo<T>(call);
    }

    private void EnsureInTransition(string action)
    {
        if (!_inTransition)
        {
            throw new InvalidOperationException(
                $"{action} is a state machine action: call it from a handler, an enter call or the constructor, " +
                "while the process is handling the event (not from another thread, nor after the handler has returned).");
        }
    }

    private void EnsureNotEnter(string action)
    {
        if (_inEnter)
        {
            throw new InvalidOperationException($"A state enter call cannot {action} (OTP forbids postpone and next_event in enter calls).");
        }
    }
}
