using System;
using System.Collections.Generic;
using System.Threading;
using Arbor.Timers;

namespace Arbor.StateMachines;

public abstract partial class StateMachine<TState>
{
    private ActiveTimeout? _stateTimeout;
    private ActiveTimeout? _eventTimeout;
    private Dictionary<string, ActiveTimeout>? _timeouts;

    // State and event timeouts asked for by the running transition; applied once it is complete (after the state change).
    private TimeoutRequest _stateTimeoutRequest;
    private TimeoutRequest _eventTimeoutRequest;

    /// <summary>
    /// Starts (or restarts) the state timeout once the handler returns (OTP <c>{state_timeout, Time, Content}</c>): an
    /// <see cref="EventKind.StateTimeout"/> event with <paramref name="content"/> arrives after <paramref name="after"/>
    /// unless the state changes first. Set by the transition that changes state, it runs in the new state.
    /// <see cref="Timeout.InfiniteTimeSpan"/> cancels it.
    /// </summary>
    protected void StateTimeout(TimeSpan after, object? content = null)
    {
        EnsureInTransition(nameof(StateTimeout));
        _stateTimeoutRequest = TimeoutRequest.For(after, content, nameof(after));
    }

    /// <summary>Cancels the state timeout (OTP <c>{state_timeout, cancel}</c>).</summary>
    protected void CancelStateTimeout()
    {
        EnsureInTransition(nameof(CancelStateTimeout));
        _stateTimeoutRequest = TimeoutRequest.Cancel;
    }

    /// <summary>
    /// Starts the event timeout once the handler returns (OTP <c>{timeout, Time, Content}</c>): an
    /// <see cref="EventKind.EventTimeout"/> event arrives after <paramref name="after"/> unless any other event arrives
    /// first; any event cancels it. Not started when events are already waiting to be handled.
    /// </summary>
    protected void EventTimeout(TimeSpan after, object? content = null)
    {
        EnsureInTransition(nameof(EventTimeout));
        _eventTimeoutRequest = TimeoutRequest.For(after, content, nameof(after));
    }

    /// <summary>
    /// Starts (or restarts) the generic timeout <paramref name="name"/> (OTP <c>{{timeout, Name}, Time, Content}</c>):
    /// an <see cref="EventKind.Timeout"/> event arrives after <paramref name="after"/>. Neither state changes nor
    /// events cancel it; only <see cref="CancelTimeout"/> or setting it again.
    /// </summary>
    protected void StartTimeout(string name, TimeSpan after, object? content = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        EnsureInTransition(nameof(StartTimeout));
        var request = TimeoutRequest.For(after, content, nameof(after));
        CancelTimeoutNamed(name);
        if (!request.IsCancel)
        {
            (_timeouts ??= new Dictionary<string, ActiveTimeout>(StringComparer.Ordinal))[name] =
                Arm(EventKind.Timeout, name, request);
        }
    }

    /// <summary>
    /// Changes the content of the running generic timeout <paramref name="name"/>; when none runs, its event is
    /// queued now, as if it had just fired (OTP <c>{{timeout, Name}, update, Content}</c>).
    /// </summary>
    protected void UpdateTimeout(string name, object? content)
    {
        ArgumentNullException.ThrowIfNull(name);
        EnsureInTransition(nameof(UpdateTimeout));
        if (_timeouts is not null && _timeouts.TryGetValue(name, out var running))
        {
            running.Content = content;
            return;
        }

        StartTimeout(name, TimeSpan.Zero, content);
    }

    /// <summary>Cancels the generic timeout <paramref name="name"/> (OTP <c>{{timeout, Name}, cancel}</c>); a no-op when it is not running.</summary>
    protected void CancelTimeout(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        EnsureInTransition(nameof(CancelTimeout));
        CancelTimeoutNamed(name);
    }

    /// <summary>True while the generic timeout <paramref name="name"/> is running (set and not yet handled or cancelled).</summary>
    protected bool IsTimeoutRunning(string name) => _timeouts is not null && _timeouts.ContainsKey(name);

    /// <summary>Turns a fired timeout into an event if it is still the live one; false for a stale (cancelled or replaced) one.</summary>
    private bool TryClaimTimeout(ActiveTimeout fired)
    {
        switch (fired.Kind)
        {
            case EventKind.StateTimeout when ReferenceEquals(_stateTimeout, fired):
                _stateTimeout = null;
                return true;
            case EventKind.EventTimeout when ReferenceEquals(_eventTimeout, fired):
                _eventTimeout = null;
                return true;
            case EventKind.Timeout when _timeouts is not null && _timeouts.TryGetValue(fired.Name!, out var live) && ReferenceEquals(live, fired):
                _timeouts.Remove(fired.Name!);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Any event cancels the event timeout.</summary>
    private void CancelEventTimeout()
    {
        if (_eventTimeout is { } running)
        {
            running.TryCancel();
            _eventTimeout = null;
        }
    }

    private void CancelStateTimeoutNow()
    {
        if (_stateTimeout is { } running)
        {
            running.TryCancel();
            _stateTimeout = null;
        }
    }

    /// <summary>Applies the state and event timeouts the finished transition asked for.</summary>
    private void ApplyTimeoutRequests(bool eventsWaiting)
    {
        if (_stateTimeoutRequest.IsSet)
        {
            var request = _stateTimeoutRequest;
            _stateTimeoutRequest = default;
            CancelStateTimeoutNow();
            if (!request.IsCancel)
            {
                _stateTimeout = Arm(EventKind.StateTimeout, null, request);
            }
        }

        if (_eventTimeoutRequest.IsSet)
        {
            var request = _eventTimeoutRequest;
            _eventTimeoutRequest = default;
            CancelEventTimeout();

            // OTP: an event timeout is not started while events wait; the next of them would cancel it at once anyway.
            if (!request.IsCancel && !eventsWaiting)
            {
                _eventTimeout = Arm(EventKind.EventTimeout, null, request);
            }
        }
    }

    private ActiveTimeout Arm(EventKind kind, string? name, TimeoutRequest request)
    {
        var timeout = new ActiveTimeout(Owner, kind, name, request.Content);
        if (request.After == TimeSpan.Zero)
        {
            // A zero timeout fires at once: its event queues behind whatever has already arrived.
            timeout.Deliver();
        }
        else
        {
            timeout.DueMs = Owner.Node.Clock.DueAfter(request.After);
            Owner.Node.Timers.Schedule(timeout);
        }

        return timeout;
    }

    private void CancelTimeoutNamed(string name)
    {
        if (_timeouts is not null && _timeouts.Remove(name, out var running))
        {
            running.TryCancel();
        }
    }

    private void CancelAllTimeouts()
    {
        CancelStateTimeoutNow();
        CancelEventTimeout();
        if (_timeouts is not null)
        {
            foreach (var running in _timeouts.Values)
            {
                running.TryCancel();
            }

            _timeouts = null;
        }
    }

    /// <summary>A timeout action recorded during a transition: set with a time and content, or cancel.</summary>
    private readonly struct TimeoutRequest
    {
        private TimeoutRequest(TimeSpan after, object? content)
        {
            IsSet = true;
            After = after;
            Content = content;
        }

        public static TimeoutRequest Cancel => new(Timeout.InfiniteTimeSpan, null);

        public bool IsSet { get; }

        public TimeSpan After { get; }

        public object? Content { get; }

        public bool IsCancel => After == Timeout.InfiniteTimeSpan;

        public static TimeoutRequest For(TimeSpan after, object? content, string parameter)
        {
            if (after < TimeSpan.Zero && after != Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentOutOfRangeException(parameter, after, "A timeout cannot be negative; use Timeout.InfiniteTimeSpan to cancel.");
            }

            return new TimeoutRequest(after, content);
        }
    }
}
