using System.ComponentModel;

namespace Arbor.Protocol;

/// <summary>Base class of a generated cast message (OTP <c>handle_cast</c> request).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class CastMessage : Envelope
{
    /// <summary>Initialises the message.</summary>
    protected CastMessage()
        : base(EnvelopeKind.Cast)
    {
    }
}
