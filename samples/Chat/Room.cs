using System;
using System.Collections.Generic;
using Arbor;

namespace Chat;

/// <summary>
/// A chat room: one process per room. It knows its members and fans each post out to them. Members are monitored, so
/// a session that crashes is dropped from the room; a room that crashes restarts empty and its members join again.
/// </summary>
[GenServer]
public partial class Room
{
    private readonly string _name;
    private readonly Dictionary<Pid, SessionRef> _members = new();

    public Room(string roomName, ChatMetrics metrics)
    {
        _name = roomName;
        metrics.OnRoomStarted();
    }

    /// <summary>Adds a member (once) and answers how many there are.</summary>
    [Call] public int Join(SessionRef session)
    {
        if (_members.TryAdd(session.Pid, session))
        {
            Monitor(session.Pid);
        }

        return _members.Count;
    }

    /// <summary>Sends the message to every member: casts, so a slow or dead member never holds the room up.</summary>
    [Cast] public void Post(ChatMessage message)
    {
        foreach (var member in _members.Values)
        {
            member.Deliver(message);
        }
    }

    [Call] public int Members() => _members.Count;

    /// <summary>A member's process exited (crash, or stopped): it is no longer in the room.</summary>
    [Info] public void On(Down down) => _members.Remove(down.Pid);

    /// <summary>Crash injection: the room fails, its supervisor restarts it with no members.</summary>
    [Cast] public void Crash() => throw new InvalidOperationException($"injected crash in {_name}");
}
