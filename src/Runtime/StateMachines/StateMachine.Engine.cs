using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Arbor.Protocol;

namespace Arbor.StateMachines;

public abstract partial class StateMachine<TState>
{
    private const int DeferredPruneThreshold = 64;

    // Events handled before the next mailbox message: inserted ones first, then postponed ones being retried.
    private List<StateMachineEvent>? _queue;
    private int _queueHead;
    private List<StateMachineEvent>? _postponed;
    private TState? _enterFrom;

    internal override ValueTask<InitResult> InitCoreAsync()
    {
        var init = InitAsync();
        if (!init.IsCompletedSuccessfully)
        {
            return InitThenEnterAsync(init);
        }

        var result = init.Result;
        if (result.Outcome != InitOutcome.Ok)
        {
            return new ValueTask<InitResult>(result);
        }

        var started = StartInitialState();
        return started.IsCompletedSuccessfully ? new ValueTask<InitResult>(result) : AfterStartAsync(started, result);
    }

    internal override ValueTask HandleCoreAsync(Envelope envelope)
    {
        if (!TryTakeEvent(envelope, out var stateEvent))
        {
            return default;
        }

        return Run(stateEvent);
    }

    /// <summary>The mailbox message as an event; false when it is no event at all (a stale timeout, a flushed Down).</summary>
    private bool TryTakeEvent(Envelope envelope, out StateMachineEvent stateEvent)
    {
        switch (envelope.Kind)
        {
            case EnvelopeKind.Call:
                stateEvent = new StateMachineEvent(EventKind.Call, envelope);
                return true;
            case EnvelopeKind.Cast:
                stateEvent = new StateMachineEvent(EventKind.Cast, envelope);
                return true;
            case EnvelopeKind.Info:
                return TryTakeInfo(Unsafe.As<InfoEnvelope>(envelope).Message, out stateEvent);
            default:
                stateEvent = default;
                return false;
        }
    }

    private bool TryTakeInfo(object message, out StateMachineEvent stateEvent)
    {
        switch (message)
        {
            case ActiveTimeout fired:
                var live = TryClaimTimeout(fired);
                stateEvent = live ? fired.ToEvent() : default;
                return live;
            case Down down:
                if (Owner.TakeDown(down) is not { } seen)
                {
                    stateEvent = default;
                    return false;
                }

                message = seen;
                break;
            case SystemStop stop:
                // A stop from outside (GenServer.StopAsync, a node's shutdown): terminate runs, then the machine exits.
                Owner.RequestStop(stop.Reason);
                stateEvent = default;
                return false;
            case Exited exited when !exited.From.IsNone && exited.From == Owner.Parent:
                // As gen_statem: an exit from the parent (seen only when trapping) stops the machine through terminate.
                Owner.RequestStop(exited.Reason);
                stateEvent = default;
                return false;
        }

        stateEvent = new StateMachineEvent(EventKind.Info, message);
        return true;
    }

    /// <summary>Handles an event and then every event its transitions queued ahead of the mailbox; synchronous until something awaits.</summary>
    private ValueTask Run(StateMachineEvent stateEvent)
    {
        while (true)
        {
            BeginEvent();
            var handled = HandleEventAsync(stateEvent);
            if (!handled.IsCompletedSuccessfully)
            {
                return FinishAsync(handled, stateEvent);
            }

            handled.GetAwaiter().GetResult();
            if (CommitTransition(stateEvent))
            {
                var entered = EnterState();
                if (!entered.IsCompletedSuccessfully)
                {
                    return FinishEnterAsync(entered);
                }

                EndEnter();
            }

            EndTransition();
            if (!TryTakeQueued(out stateEvent))
            {
                return default;
            }
        }
    }

    // The wrappers below resume where the handler finished (see GenServer.HandlerThenContinueAsync for why), on the
    // process's context only on a tracking node; before they run more user code (an enter call, the next queued event)
    // they move onto the process.
    private async ValueTask FinishAsync(ValueTask handled, StateMachineEvent stateEvent)
    {
        await handled.ConfigureAwait(ArborResumeOnProcessContext);
        if (CommitTransition(stateEvent))
        {
            await new ProcessContextSwitch(Owner);
            await EnterState().ConfigureAwait(ArborResumeOnProcessContext);
            EndEnter();
        }

        EndTransition();
        await RunQueuedAsync().ConfigureAwait(ArborResumeOnProcessContext);
    }

    private async ValueTask FinishEnterAsync(ValueTask entered)
    {
        await entered.ConfigureAwait(ArborResumeOnProcessContext);
        EndEnter();
        EndTransition();
        await RunQueuedAsync().ConfigureAwait(ArborResumeOnProcessContext);
    }

    private async ValueTask RunQueuedAsync()
    {
        if (TryTakeQueued(out var next))
        {
            await new ProcessContextSwitch(Owner);
            await Run(next).ConfigureAwait(ArborResumeOnProcessContext);
        }
    }

    private async ValueTask<InitResult> InitThenEnterAsync(ValueTask<InitResult> init)
    {
        var result = await init.ConfigureAwait(ArborResumeOnProcessContext);
        if (result.Outcome == InitOutcome.Ok)
        {
            await new ProcessContextSwitch(Owner);
            await StartInitialState().ConfigureAwait(ArborResumeOnProcessContext);
        }

        return result;
    }

    private static async ValueTask<InitResult> AfterStartAsync(ValueTask started, InitResult result)
    {
        await started.ConfigureAwait(ArborResumeOnProcessContext);
        return result;
    }

    /// <summary>After init: the initial state's enter call, init's timeouts, then the events init inserted.</summary>
    private ValueTask StartInitialState()
    {
        if (_goTo || _repeat || _postpone)
        {
            throw new System.InvalidOperationException(
                "The constructor names the initial state; it cannot GoTo, RepeatState or Postpone (there is no event yet).");
        }

        _inTransition = false;
        QueueInserted();
        _enterFrom = _state;
        var entered = EnterState();
        if (!entered.IsCompletedSuccessfully)
        {
            return FinishEnterAsync(entered);
        }

        EndEnter();
        EndTransition();
        return TryTakeQueued(out var first) ? Run(first) : default;
    }

    private void BeginEvent()
    {
        CancelEventTimeout();
        _inTransition = true;
    }

    /// <summary>
    /// Applies the handler's postpone, state change and inserted events, in OTP's order. True when the enter call must
    /// run (the state changed, or the handler asked to repeat it).
    /// </summary>
    private bool CommitTransition(StateMachineEvent stateEvent)
    {
        _inTransition = false;
        if (_postpone)
        {
            _postpone = false;
            (_postponed ??= new List<StateMachineEvent>()).Add(stateEvent);
            if (stateEvent.Call is { } postponedCall)
            {
                TrackUnanswered(postponedCall);
            }
        }
        else if (stateEvent.Call is { } call && !call.IsCompleted)
        {
            // A handler that took a ReplyTo answers later; if the machine exits first, the caller gets the exit reason.
            TrackUnanswered(call);
        }

        if (Owner.StopRequest is not null)
        {
            // A stop does not change the state: the rest of the transition is dropped.
            _goTo = _repeat = false;
            _inserted = null;
            return false;
        }

        var changed = _goTo && !SameState(_target!, _state);
        _goTo = false;
        _enterFrom = _state;
        if (changed)
        {
            _state = _target!;
            CancelStateTimeoutNow();
            if (_postponed is { Count: > 0 } retry)
            {
                _postponed = null;
                QueueFirst(retry);
            }
        }

        _target = default;
        QueueInserted();
        var enter = changed || _repeat;
        _repeat = false;
        return enter;
    }

    private ValueTask EnterState()
    {
        _inTransition = true;
        _inEnter = true;
        return HandleEnterAsync(_enterFrom!);
    }

    private void EndEnter()
    {
        _inEnter = false;
        _inTransition = false;
        _goTo = false;
        _repeat = false;
        _enterFrom = default;
    }

    private void EndTransition()
    {
        if (Owner.StopRequest is not null)
        {
            _stateTimeoutRequest = default;
            _eventTimeoutRequest = default;
            return;
        }

        ApplyTimeoutRequests(eventsWaiting: _queue is not null);
    }

    private void QueueInserted()
    {
        if (_inserted is { } inserted)
        {
            _inserted = null;
            QueueFirst(inserted);
        }
    }

    /// <summary>Puts <paramref name="events"/>, in order, ahead of everything already queued.</summary>
    private void QueueFirst(List<StateMachineEvent> events)
    {
        if (_queue is { } queue && _queueHead < queue.Count)
        {
            events.AddRange(queue.GetRange(_queueHead, queue.Count - _queueHead));
        }

        _queue = events;
        _queueHead = 0;
    }

    private bool TryTakeQueued(out StateMachineEvent next)
    {
        if (_queue is not { } queue || Owner.StopRequest is not null)
        {
            next = default;
            return false;
        }

        next = queue[_queueHead++];
        if (_queueHead == queue.Count)
        {
            _queue = null;
            _queueHead = 0;
        }

        return true;
    }

    // Through the process, under its lock: a kill from another thread takes this list in the exit sequence.
    private void TrackUnanswered(CallMessage call) => Owner.TrackUnanswered(call, DeferredPruneThreshold, s_isCompleted);

    private static readonly Predicate<CallMessage> s_isCompleted = static c => c.IsCompleted;
}
