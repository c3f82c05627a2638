using System;
using Arbor.EventManagers;
using Arbor.StateMachines;

namespace DoorLock;

/// <summary>
/// A door with a code lock (the example from OTP's gen_statem guide, extended with a lockout): digits are collected
/// while locked; the right code opens the door until a state timeout relocks it; three wrong codes lock the keypad
/// out for a while. Every state accounts for every event, or the generator warns (ARB0021).
/// </summary>
[StateMachine]
[Ignore(nameof(Press), DoorState.LockedOut)]
[Postpone(nameof(Lock), DoorState.LockedOut)]
public partial class CodeLock : StateMachine<DoorState>
{
    private readonly string _code;
    private readonly TimeSpan _openFor;
    private readonly EventManagerRef<DoorEvent> _audit;
    private string _entered = string.Empty;
    private int _wrong;

    public CodeLock(string code, TimeSpan openFor, EventManagerRef<DoorEvent> audit)
        : base(DoorState.Locked)
    {
        _code = code;
        _openFor = openFor;
        _audit = audit;
    }

    // One enter handler per state: the handler for the state being entered runs (a handler for named states wins
    // over one for every state), so the shared part is a helper.
    [OnEnter(DoorState.Locked)]
    private void Locked(DoorState previous) => Entered(previous);

    [OnEnter(DoorState.Open)]
    private void Opened(DoorState previous)
    {
        Entered(previous);
        StateTimeout(_openFor, "relock");
    }

    [OnCast(DoorState.Locked)]
    public void Press(char digit)
    {
        _entered += digit;
        if (_entered == _code)
        {
            _wrong = 0;
            GoTo(DoorState.Open);
        }
        else if (_entered.Length >= _code.Length && ++_wrong >= 3)
        {
            GoTo(DoorState.LockedOut);
        }
        else if (_entered.Length >= _code.Length)
        {
            _entered = string.Empty;
        }
    }

    [OnCast(DoorState.Open, Event = nameof(Press))]
    public void PressWhileOpen(char digit)
    {
        // The door is open: keys do nothing, but each press keeps it open a little longer.
        StateTimeout(_openFor, "relock");
    }

    [OnStateTimeout(DoorState.Open)]
    private void Relock() => GoTo(DoorState.Locked);

    [OnEnter(DoorState.LockedOut)]
    private void LockedOut(DoorState previous)
    {
        Entered(previous);
        StateTimeout(_openFor * 2, "lockout over");
    }

    [OnStateTimeout(DoorState.LockedOut)]
    private void LockoutOver()
    {
        _wrong = 0;
        GoTo(DoorState.Locked);
    }

    [OnCall(DoorState.Locked, DoorState.Open)]
    public DoorState Lock()
    {
        GoTo(DoorState.Locked);
        return DoorState.Locked;
    }

    [OnCall]
    public DoorState Status() => State;

    private void Entered(DoorState previous)
    {
        _entered = string.Empty;
        _audit.Notify(new DoorEvent(previous, State));
    }
}
