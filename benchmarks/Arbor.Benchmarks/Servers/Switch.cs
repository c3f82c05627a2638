using Arbor.StateMachines;

namespace Arbor.Benchmarks.Servers;

/// <summary>The two states of <see cref="Switch"/>.</summary>
public enum SwitchState
{
    Off,
    On,
}

/// <summary>A state machine whose every cast changes state (Off ↔ On) and counts; the gen_statem side-by-side workload.</summary>
[StateMachine]
public sealed partial class Switch : StateMachine<SwitchState>
{
    private long _flips;

    public Switch()
        : base(SwitchState.Off)
    {
    }

    [OnCast(SwitchState.Off)]
    public void Flip(int by)
    {
        _flips += by;
        GoTo(SwitchState.On);
    }

    [OnCast(SwitchState.On, Event = nameof(Flip))]
    public void FlipOff(int by)
    {
        _flips += by;
        GoTo(SwitchState.Off);
    }

    [OnCall]
    public long Flips() => _flips;
}
