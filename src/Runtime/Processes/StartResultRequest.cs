using System;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;

namespace Arbor;

/// <summary>A start whose starter wants the OTP-style <see cref="StartResult"/> (supervisors, hand-written starts).</summary>
internal sealed class StartResultRequest : StartRequest, IValueTaskSource<StartResult>
{
    private ManualResetValueTaskSourceCore<StartResult> _core;

    public StartResultRequest(Func<ProcessBehavior> factory)
        : base(factory) => _core.RunContinuationsAsynchronously = true;

    public ValueTask<StartResult> Task => new(this, _core.Version);

    public override void Complete(StartResult result) => _core.SetResult(result);

    StartResult IValueTaskSource<StartResult>.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<StartResult>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<StartResult>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
    {
        var (counted, countedState) = CountedWhenDispatched(continuation, state);
        _core.OnCompleted(counted, countedState, token, flags);
    }
}
