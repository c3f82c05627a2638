using Arbor.StateMachines;

namespace Arbor.Testing.Tests.Time;

/// <summary>A session that closes itself after an hour without a message (a GenServer idle timeout).</summary>
[GenServer]
public partial class Session
{
    private readonly Pid _owner;

    public Session(Pid owner)
    {
        _owner = owner;
        IdleTimeout = TimeSpan.FromHours(1);
    }

    [Call] public bool Touch() => true;

    [Info] public void OnIdle(IdleTimeout idle)
    {
        _owner.Send("session idle");
        Stop(ExitReason.Normal);
    }
}

/// <summary>A server that never answers its one call (the reply token is dropped): the caller can only time out.</summary>
[GenServer]
public partial class Silent
{
    [Call] public void Wait(ReplyTo<bool> reply)
    {
    }
}

/// <summary>A server that crashes when told to; a child for restart-intensity tests.</summary>
[GenServer]
public partial class Fragile
{
    [Call] public bool Ping() => true;

    [Cast] public void Crash() => throw new InvalidOperationException("told to crash");
}

/// <summary>The two states of <see cref="Latch"/>.</summary>
public enum LatchState
{
    /// <summary>Closed until opened.</summary>
    Closed,

    /// <summary>Open until its state timeout closes it.</summary>
    Open,
}

/// <summary>A latch that closes itself ten minutes after it was opened (a state timeout).</summary>
[StateMachine]
public partial class Latch : StateMachine<LatchState>
{
    public Latch()
        : base(LatchState.Closed)
    {
    }

    [OnCall(LatchState.Closed)]
    public LatchState Open()
    {
        GoTo(LatchState.Open);
        StateTimeout(TimeSpan.FromMinutes(10), "close");
        return LatchState.Open;
    }

    [OnCall(LatchState.Open, Event = nameof(Open))]
    public LatchState OpenAgain() => LatchState.Open;

    [OnStateTimeout(LatchState.Open)]
    private void Close() => GoTo(LatchState.Closed);

    [OnCall]
    public LatchState Status() => State;
}
