using System;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;
using Arbor.Introspection.InFlight;

namespace Arbor;

/// <summary>
/// One wait for a process's exit reason (<see cref="Process.WaitForExit"/>). On a node that counts its in-flight work
/// the waiter's continuation is counted from its dispatch until it has run, including an await registered only after
/// the exit — the race a task-based wait could not count (the task library queues such a continuation itself).
/// </summary>
internal sealed class ExitWaiter : IValueTaskSource<ExitReason>
{
    private readonly CountedHandOff? _handOff;
    private ManualResetValueTaskSourceCore<ExitReason> _core;

    // The counted continuation that asked (code off its process's context, after ConfigureAwait(false)): the exit is
    // published only once it has returned, when its await of this wait (or of a task completed from it) is registered.
    private readonly CountedContinuation? _askedFrom;

    public ExitWaiter(InFlightCounter? inFlight)
    {
        InFlight = inFlight;
        if (inFlight is not null)
        {
            _handOff = new CountedHandOff(inFlight);
            _askedFrom = CountedContinuation.Current;
        }

        // Untracked, the waiter's continuation never runs inline in the exiting process's turn. Tracked, the exit
        // completes the waiter from a counted work item of its own, where running the continuation inline is fine.
        _core.RunContinuationsAsynchronously = inFlight is null;
    }

    /// <summary>The tracking node the waiter belongs to, or null.</summary>
    public InFlightCounter? InFlight { get; }

    /// <summary>The wait; awaited once.</summary>
    public ValueTask<ExitReason> Task => new(this, _core.Version);

    /// <summary>Publishes the exit reason; called once.</summary>
    public void Complete(ExitReason reason)
    {
        if (_askedFrom is { } askedFrom)
        {
            askedFrom.RunAfterReturn(() => Publish(reason));
            return;
        }

        Publish(reason);
    }

    private void Publish(ExitReason reason)
    {
        _handOff?.Finish();
        _core.SetResult(reason);
    }

    ExitReason IValueTaskSource<ExitReason>.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<ExitReason>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<ExitReason>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
    {
        if (_handOff is not null)
        {
            (continuation, state) = _handOff.Wrap(continuation, state);
        }

        _core.OnCompleted(continuation, state, token, flags);
    }
}
