using System;
using Arbor.Introspection.InFlight;

namespace Arbor;

/// <summary>
/// A start in progress: the factory to run inside the new process, and whoever waits for init's decision. Dropped by
/// the process as soon as it has answered.
/// </summary>
internal abstract class StartRequest
{
    // A start awaited by a process of a node that counts its in-flight work: the starter's continuation is counted from
    // the moment it is dispatched (the start finished, or the await came after it had) until it has run.
    private readonly CountedHandOff? _starterHandOff;

    protected StartRequest(Func<ProcessBehavior> factory)
    {
        Factory = factory;
        if (InFlightTracking.IsOn && (Process.Current?.Node.InFlight ?? CountedContinuation.Running) is { } inFlight)
        {
            _starterHandOff = new CountedHandOff(inFlight);
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
        _starterHandOff?.Finish();

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
    protected (Action<object?> Continuation, object? State) CountedWhenDispatched(Action<object?> continuation, object? state) =>
        _starterHandOff is null ? (continuation, state) : _starterHandOff.Wrap(continuation, state);
}
