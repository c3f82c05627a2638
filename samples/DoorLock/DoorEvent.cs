namespace DoorLock;

/// <summary>What the audit event manager hears: the lock entered <paramref name="To"/> from <paramref name="From"/>.</summary>
public sealed record DoorEvent(DoorState From, DoorState To);
