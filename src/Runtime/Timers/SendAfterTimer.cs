namespace Arbor.Timers;

/// <summary>Delivers one message to a process when due (OTP <c>erlang:send_after/3</c>).</summary>
internal sealed class SendAfterTimer : TimerEntry
{
    private readonly Pid _target;
    private readonly object _message;

    public SendAfterTimer(Pid target, object message)
    {
        _target = target;
        _message = message;
    }

    protected override void OnExpired() => _target.Send(_message);
}
