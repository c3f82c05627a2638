using System.Threading.Channels;
using Arbor.EventManagers;

namespace DoorLock;

/// <summary>
/// An event handler in the audit event manager: it counts the door's state changes and hands them to the program (a
/// real one would write them somewhere). It answers "count" through the manager's call to one handler.
/// </summary>
public sealed class AuditLog(ChannelWriter<DoorEvent> output) : IEventHandler<DoorEvent>
{
    private int _count;

    public void HandleEvent(DoorEvent @event)
    {
        _count++;
        output.TryWrite(@event);
    }

    public object? HandleCall(object request) => request is "count" ? _count : throw new System.NotSupportedException($"unknown request {request}");
}
