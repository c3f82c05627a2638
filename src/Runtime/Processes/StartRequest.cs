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

    /// <summary>Wakes the starter with the outcome; called once.</summary>
    public abstract void Complete(StartResult result);
}
