using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Arbor;

/// <summary>
/// <c>await new ProcessContextSwitch(process)</c> continues as <paramref name="process"/>: at once when the code
/// already runs under its synchronization context, otherwise posted to it (its scheduler, counted on a tracking node).
/// The runtime's wrappers around an asynchronous handler use it before they run more user code (a <c>[Continue]</c>
/// handler, a state's enter call) after an await that may have resumed on the thread pool.
/// </summary>
internal readonly struct ProcessContextSwitch(Process process) : ICriticalNotifyCompletion
{
    public ProcessContextSwitch GetAwaiter() => this;

    public bool IsCompleted => SynchronizationContext.Current == process.SynchronizationContext;

    public void GetResult()
    {
    }

    public void OnCompleted(Action continuation) => UnsafeOnCompleted(continuation);

    public void UnsafeOnCompleted(Action continuation) =>
        process.SynchronizationContext.Post(static state => ((Action)state!)(), continuation);
}
