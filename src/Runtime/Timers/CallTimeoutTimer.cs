using Arbor.Protocol;

namespace Arbor.Timers;

/// <summary>Fails a call that is still unanswered when its timeout elapses. Created only for calls still unanswered when their thread's <see cref="CallTimeoutRing"/> slot is reused.</summary>
internal sealed class CallTimeoutTimer : TimerEntry
{
    private readonly CallMessage _call;

    public CallTimeoutTimer(CallMessage call)
    {
        _call = call;
        DueMs = call.DueMs;
    }

    protected override void OnExpired() => _call.FailTimedOut();
}
