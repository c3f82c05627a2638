namespace DoorLock;

/// <summary>The lock's states.</summary>
public enum DoorState
{
    /// <summary>Collecting digits; the right code opens the door.</summary>
    Locked,

    /// <summary>Open until the state timeout relocks it.</summary>
    Open,

    /// <summary>Too many wrong codes: keypad disabled until the lockout timeout.</summary>
    LockedOut,
}
