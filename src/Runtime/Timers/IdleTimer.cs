using Arbor.Protocol;

namespace Arbor.Timers;

/// <summary>A process's reusable idle timer: when due it queues a check that the process runs itself.</summary>
internal sealed class IdleTimer : TimerEntry
{
    private readonly Process _process;

    public IdleTimer(Process process)
    {
        _process = process;
        Envelope = new IdleCheckEnvelope();
    }

    /// <summary>The one check message of this process, queued when the timer fires.</summary>
    public Envelope Envelope { get; }

    /// <summary>Armed or its check queued and not yet run.</summary>
    public bool InFlight { get; set; }

    public long HandledAtArm { get; set; }

    public long HandledAtIdle { get; set; }

    protected override void OnExpired() => _process.Enqueue(Envelope);

    private sealed class IdleCheckEnvelope : Envelope
    {
        public IdleCheckEnvelope()
            : base(EnvelopeKind.IdleTimeout)
        {
        }
    }
}
