using System.Threading;

namespace Chat;

/// <summary>
/// Counters the summary reads. Processes only ever add to them (atomically), so sharing one instance is safe; nothing
/// here is process state.
/// </summary>
public sealed class ChatMetrics
{
    private long _posted;
    private long _delivered;
    private long _sessionStarts;
    private long _roomStarts;
    private long _crashesInjected;

    public long Posted => Interlocked.Read(ref _posted);

    public long Delivered => Interlocked.Read(ref _delivered);

    public long SessionStarts => Interlocked.Read(ref _sessionStarts);

    public long RoomStarts => Interlocked.Read(ref _roomStarts);

    public long CrashesInjected => Interlocked.Read(ref _crashesInjected);

    public void OnPosted() => Interlocked.Increment(ref _posted);

    public void OnDelivered() => Interlocked.Increment(ref _delivered);

    public void OnSessionStarted() => Interlocked.Increment(ref _sessionStarts);

    public void OnRoomStarted() => Interlocked.Increment(ref _roomStarts);

    public void OnCrashInjected() => Interlocked.Increment(ref _crashesInjected);
}
