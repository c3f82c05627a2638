using Arbor.Protocol;
using Arbor.Timers;

namespace Arbor.StateMachines;

/// <summary>
/// A running state, event or generic timeout. It is also the message its timer delivers, so the machine can tell a live
/// timeout from one that was cancelled or replaced after it had already fired: only the instance the machine still
/// holds becomes an event, a stale one is dropped where it is met (OTP flushes it from the mailbox instead).
/// </summary>
internal sealed class ActiveTimeout : TimerEntry
{
    private readonly Process _owner;

    public ActiveTimeout(Process owner, EventKind kind, string? name, object? content)
    {
        _owner = owner;
        Kind = kind;
        Name = name;
        Content = content;
    }

    public EventKind Kind { get; }

    public string? Name { get; }

    /// <summary>The content delivered with the event; a generic timeout's can be updated while it runs.</summary>
    public object? Content { get; set; }

    /// <summary>Queues this timeout's event now (a zero timeout, or one that has come due).</summary>
    public void Deliver() => _owner.Enqueue(new InfoEnvelope(this));

    public StateMachineEvent ToEvent() => new(Kind, Content, Name);

    public override string ToString() => Name is null ? $"{Kind}({Content})" : $"{Kind}({Name}, {Content})";

    protected override void OnExpired() => Deliver();
}
