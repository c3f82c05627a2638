namespace Arbor;

/// <summary>
/// A stop asked from outside the process (OTP's <c>sys:terminate</c>, behind <c>gen_server:stop</c> and a node's
/// shutdown): queued like any message, handled by the GenServer itself — terminate runs, then the process exits with
/// <see cref="Reason"/>.
/// </summary>
internal sealed class SystemStop
{
    public SystemStop(ExitReason reason) => Reason = reason;

    public ExitReason Reason { get; }

    public override string ToString() => $"stop({Reason})";
}
