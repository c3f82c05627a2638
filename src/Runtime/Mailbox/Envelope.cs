using System.ComponentModel;

namespace Arbor.Protocol;

/// <summary>What the mailbox holds; the kind lets dispatch switch on a byte instead of testing types.</summary>
internal enum EnvelopeKind : byte
{
    Info,
    Cast,
    Call,
    ExitSignal,

    // Kinds from here on are handled by the process itself before (or instead of) reaching the behaviour.
    IdleTimeout,
    TrappedExit,
}

/// <summary>
/// A mailbox node. Generated call and cast messages derive from it (through <see cref="CallMessage{TResult}"/> and
/// <see cref="CastMessage"/>) so that sending them allocates nothing beyond the message itself: the message is its own
/// queue node. An envelope can therefore be in one mailbox at a time and is sent once.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class Envelope
{
    internal Envelope? Next;

    private protected Envelope(EnvelopeKind kind) => Kind = kind;

    internal EnvelopeKind Kind { get; }

    /// <summary>A short description for crash reports (the message type by default).</summary>
    public override string ToString() => GetType().Name;
}
