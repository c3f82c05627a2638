using Arbor.Protocol;

namespace Arbor;

/// <summary>
/// An exit signal in flight: from a dying linked process, or sent explicitly with <c>Exit</c>. It travels twice: on the
/// signal queue, where it is decided ahead of every message (kill now, ignore, or deliver), and as its
/// <see cref="InOrder"/> twin in the ordinary mailbox, which carries the <see cref="Exited"/> message of a trapping
/// receiver in causal order: after what the sender sent before, and before anything sent after the exit was observable.
/// </summary>
internal sealed class ExitSignal : Envelope
{
    public ExitSignal(Pid from, ExitReason reason, ExitSignalSource source)
        : base(EnvelopeKind.ExitSignal)
    {
        From = from;
        Reason = reason;
        Source = source;
        InOrder = new TrappedExitEnvelope(this);
    }

    /// <summary>The mailbox twin.</summary>
    public TrappedExitEnvelope InOrder { get; }

    /// <summary>What the receiver decided when it took the signal; read by the twin.</summary>
    public TrappedExitDecision Decision { get; set; }

    public Pid From { get; }

    public ExitReason Reason { get; }

    public ExitSignalSource Source { get; }

    /// <summary>Only an explicit <c>Exit(pid, kill)</c> is untrappable; a linked process dying with <c>kill</c> is an ordinary reason.</summary>
    public bool IsUntrappableKill => Source == ExitSignalSource.Explicit && Reason.Kind == ExitKind.Kill;
}

/// <summary>Where an exit signal comes from.</summary>
internal enum ExitSignalSource : byte
{
    /// <summary><c>Exit(pid, reason)</c>.</summary>
    Explicit,

    /// <summary>A linked process exited; delivered only while the link still stands.</summary>
    Link,

    /// <summary>Linking to a process that had already exited (<c>noproc</c>).</summary>
    DeadLink,
}

/// <summary>What became of an exit signal at its receiver.</summary>
internal enum TrappedExitDecision : byte
{
    /// <summary>Not taken from the signal queue yet.</summary>
    Undecided,

    /// <summary>The receiver traps exits: the twin delivers an <see cref="Exited"/> message.</summary>
    Deliver,

    /// <summary>Ignored or already acted on: the twin is dropped.</summary>
    Drop,
}

/// <summary>The mailbox twin of an <see cref="ExitSignal"/>.</summary>
internal sealed class TrappedExitEnvelope : Envelope
{
    public TrappedExitEnvelope(ExitSignal signal)
        : base(EnvelopeKind.TrappedExit) => Signal = signal;

    public ExitSignal Signal { get; }
}
