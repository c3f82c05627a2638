namespace Arbor.Protocol;

/// <summary>Carries a plain message (anything that is not a generated call or cast) to <c>handle_info</c>.</summary>
internal sealed class InfoEnvelope : Envelope
{
    public InfoEnvelope(object message)
        : base(EnvelopeKind.Info) => Message = message;

    public object Message { get; }

    public override string ToString() => Message.ToString() ?? Message.GetType().Name;
}
