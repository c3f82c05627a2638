using Arbor.Protocol;

namespace Arbor;

/// <summary>An exit signal in flight: from a dying linked process, or sent explicitly with <c>Exit</c>.</summary>
internal sealed class ExitSignal : Envelope
{
    public ExitSignal(Pid from, ExitReason reason, ExitSignalSource source)
        : base(EnvelopeKind.ExitSignal)
    {
        From = from;
        Reason = reason;
        Source = source;
    }

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
