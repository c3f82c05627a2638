using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Arbor;

namespace Chat;

/// <summary>A rejoin attempt, scheduled after a room went down.</summary>
public sealed record Rejoin(string Room);

/// <summary>
/// A connected user's session: one process per user, as WhatsApp runs one Erlang process per connection. It joins its
/// rooms, posts what its user says, and receives what others post. It monitors its rooms: when one crashes, it joins
/// the restarted room again.
/// </summary>
[GenServer]
public partial class Session
{
    private static readonly TimeSpan s_rejoinDelay = TimeSpan.FromMilliseconds(20);

    private readonly string _user;
    private readonly IReadOnlyList<string> _rooms;
    private readonly ChatMetrics _metrics;
    private readonly Dictionary<Pid, string> _joined = new();
    private int _said;

    public Session(string user, IReadOnlyList<string> rooms, ChatMetrics metrics)
    {
        _user = user;
        _rooms = rooms;
        _metrics = metrics;
        metrics.OnSessionStarted();

        // Joining takes calls to the rooms; they run as the first messages, after init has returned.
        foreach (var room in rooms)
        {
            Self.Send(new Rejoin(room));
        }
    }

    /// <summary>The user says something: it goes to one of the session's rooms, round robin.</summary>
    [Cast] public void Say(string text)
    {
        var room = _rooms[_said++ % _rooms.Count];
        Node.Whereis<RoomRef>(room).Post(new ChatMessage(_user, room, text));
        _metrics.OnPosted();
    }

    /// <summary>A post from one of the rooms reaches this user.</summary>
    [Cast] public void Deliver(ChatMessage message) => _metrics.OnDelivered();

    /// <summary>Joins a room, or tries again shortly if its supervisor has not restarted it yet.</summary>
    [Info] public async ValueTask On(Rejoin rejoin)
    {
        var room = Node.Whereis<RoomRef>(rejoin.Room);
        if (room.Pid == Pid.None)
        {
            SendAfter(s_rejoinDelay, rejoin);
            return;
        }

        // Monitor first: if the room dies after this, the Down notice brings the session back here.
        Monitor(room.Pid);
        _joined[room.Pid] = rejoin.Room;
        await room.JoinAsync(SelfRef);
    }

    /// <summary>A room went down: join it again once its supervisor has restarted it.</summary>
    [Info] public void On(Down down)
    {
        if (_joined.Remove(down.Pid, out var room))
        {
            SendAfter(s_rejoinDelay, new Rejoin(room));
        }
    }

    /// <summary>Crash injection: the session fails, its supervisor restarts it and it joins its rooms again.</summary>
    [Cast] public void Crash() => throw new InvalidOperationException($"injected crash in {_user}'s session");
}
