using System;

namespace Arbor;

/// <summary>
/// A start in progress: the factory to run inside the new process, and whoever waits for init's decision. Dropped by
/// the process as soon as it has answered.
/// </summary>
internal abstract class StartRequest
{
    protected StartRequest(Func<ProcessBehavior> factory) => Factory = factory;

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
        Complete(Monitor is { } monitor ? result.WithMonitor(monitor) : result);
    }

    /// <summary>Called as the process is created, before it can run: its pid, and the starter's monitor if one was asked for.</summary>
    internal virtual void OnCreated(Pid pid, MonitorRef? monitor)
    {
    }

    /// <summary>Wakes the starter with the outcome; called once.</summary>
    public abstract void Complete(StartResult result);
}
