using System;
using System.Threading;
using Arbor.Introspection.InFlight;

namespace Arbor;

/// <summary>
/// A start in progress: the factory to run inside the new process, and whoever waits for init's decision. Dropped by
/// the process as soon as it has answered.
/// </summary>
internal abstract class StartRequest
{
    private const int NotAwaited = 0;
    private const int Awaited = 1;
    private const int Finished = 2;

    // A start awaited by a process of a node that counts its in-flight work: the starter's continuation is counted from
    // the moment it is dispatched (the start finished, or the await came after it had) until it has run.
    private readonly InFlightCounter? _starterInFlight;
    private CountedContinuation? _starterContinuation;
    private int _handOff;

    protected StartRequest(Func<ProcessBehavior> factory)
    {
        Factory = factory;
        if (InFlightTracking.IsOn)
        {
            _starterInFlight = Process.Current?.Node.InFlight ?? CountedContinuation.Running;
        }
    }

    public Func<ProcessBehavior> Factory { get; }

    /// <summary>Init's answer, kept while an asynchronous init completes.</summary>
    public InitResult Result { get; set; }

    /// <summary>The starter's monitor on the new process (<see cref="StartOptions.Monitor"/>).</summary>
    public MonitorRef? Monitor { get; set; }

    /// <summary>The init deadline (<see cref="StartOptions.Timeout"/>), cancelled once init has decided.</summary>
    public Timers.TimerEntry? Deadline { get; set; }

    /// <summary>Cancels the deadline and wakes the starter with the outcome (and the monitor, if one was asked for); called once.</summary>
    public void Finish(StartResult result)
    {
        Deadline?.TryCancel();
        if (_starterInFlight is not null && Interlocked.Exchange(ref _handOff, Finished) == Awaited)
        {
            _starterContinuation!.Count();
        }

        Complete(Monitor is { } monitor ? result.WithMonitor(monitor) : result);
    }

    /// <summary>Called as the process is created, before it can run: its pid, and the starter's monitor if one was asked for.</summary>
    internal virtual void OnCreated(Pid pid, MonitorRef? monitor)
    {
    }

    /// <summary>Wakes the starter with the outcome; called once.</summary>
    public abstract void Complete(StartResult result);

    /// <summary>
    /// The continuation a subclass registers for the starter's await: on a tracking node, wrapped so it counts as
    /// in-flight work from its dispatch (whichever of the await and <see cref="Finish"/> comes second) until it has run.
    /// </summary>
    protected (Action<object?> Continuation, object? State) CountedWhenDispatched(Action<object?> continuation, object? state)
    {
        if (_starterInFlight is null)
        {
            return (continuation, state);
        }

        var counted = new CountedContinuation(_starterInFlight, continuation, state, countNow: false);
        _starterContinuation = counted;
        if (Interlocked.CompareExchange(ref _handOff, Awaited, NotAwaited) == Finished)
        {
            counted.Count();
        }

        return (CountedContinuation.Callback, counted);
    }
}
