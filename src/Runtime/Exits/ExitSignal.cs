using Arbor.Protocol;

namespace Arbor;

/// <summary>An exit signal in flight: from a dying linked process, or sent explicitly with <c>Exit</c>.</summary>
internal sealed class ExitSignal : Envelope
{
    public ExitSignal(Pid from, ExitReason reason, bool fromLink)
        : base(EnvelopeKind.ExitSignal)
    {
        From = from;
        Reason = reason;
        FromLink = fromLink;
    }

    public Pid From { get; }

    public ExitReason Reason { get; }

    /// <summary>True when the sender died while linked; false for an explicit <c>Exit</c> (only then is <c>kill</c> untrappable).</summary>
    public bool FromLink { get; }
}
