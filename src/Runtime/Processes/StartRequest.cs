using System;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;

namespace Arbor;

/// <summary>
/// A start in progress: the factory to run inside the new process and the starter's wait, completed once init has
/// decided. Dropped by the process as soon as it has answered.
/// </summary>
internal sealed class StartRequest : IValueTaskSource<StartResult>
{
    private ManualResetValueTaskSourceCore<StartResult> _core;

    public StartRequest(Func<ProcessBehavior> factory)
    {
        Factory = factory;
        _core.RunContinuationsAsynchronously = true;
    }

    public Func<ProcessBehavior> Factory { get; }

    /// <summary>Init's answer, kept while an asynchronous init completes.</summary>
    public InitResult Result { get; set; }

    public ValueTask<StartResult> Task => new(this, _core.Version);

    public void Complete(StartResult result) => _core.SetResult(result);

    StartResult IValueTaskSource<StartResult>.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<StartResult>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<StartResult>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
