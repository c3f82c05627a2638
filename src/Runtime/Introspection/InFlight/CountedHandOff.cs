using System;
using System.Threading;

namespace Arbor.Introspection.InFlight;

/// <summary>
/// Counts the continuation of one awaited outcome (a start's result, a process's exit) as in-flight work of a tracking
/// node from the moment it is dispatched until it has run. The await and the outcome race: whichever of
/// <see cref="Wrap"/> and <see cref="Finish"/> comes second counts it, so an await registered after the outcome (its
/// continuation then dispatched at once) is counted as surely as one that was waiting.
/// </summary>
internal sealed class CountedHandOff(InFlightCounter counter)
{
    private const int NotAwaited = 0;
    private const int Awaited = 1;
    private const int Finished = 2;

    private CountedContinuation? _continuation;
    private int _state;

    /// <summary>Wraps the awaiter's continuation so it is counted once dispatched; register the returned pair instead.</summary>
    public (Action<object?> Continuation, object? State) Wrap(Action<object?> continuation, object? state)
    {
        var counted = new CountedContinuation(counter, continuation, state, countNow: false);
        _continuation = counted;
        if (Interlocked.CompareExchange(ref _state, Awaited, NotAwaited) == Finished)
        {
            counted.Count();
        }

        return (CountedContinuation.Callback, counted);
    }

    /// <summary>The outcome is about to be published; call once, before completing the awaited source.</summary>
    public void Finish()
    {
        if (Interlocked.Exchange(ref _state, Finished) == Awaited)
        {
            _continuation!.Count();
        }
    }
}
