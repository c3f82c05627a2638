using System;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;

namespace Arbor;

/// <summary>
/// A start whose starter wants a typed client, or a <see cref="StartFailedException"/>: completing it directly saves the
/// generated start helpers an async state machine and a thread-pool hop per process.
/// </summary>
internal sealed class TypedStartRequest<TRef> : StartRequest, IValueTaskSource<TRef>
    where TRef : struct, IProcessRef<TRef>
{
    private readonly string _description;
    private ManualResetValueTaskSourceCore<TRef> _core;

    public TypedStartRequest(Func<ProcessBehavior> factory, string description)
        : base(factory)
    {
        _description = description;
        _core.RunContinuationsAsynchronously = true;
    }

    public ValueTask<TRef> Task => new(this, _core.Version);

    public override void Complete(StartResult result)
    {
        if (result.IsStarted)
        {
            _core.SetResult(TRef.FromPid(result.Pid));
        }
        else
        {
            _core.SetException(new StartFailedException(_description, result));
        }
    }

    TRef IValueTaskSource<TRef>.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<TRef>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<TRef>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
    {
        var (counted, countedState) = CountedWhenDispatched(continuation, state);
        _core.OnCompleted(counted, countedState, token, flags);
    }
}
