using System.Collections.Generic;
using Arbor;

namespace ClusterChat;

/// <summary>What a room says about itself: its name, the node it runs on and how many posts it has taken.</summary>
public sealed record RoomInfo(string Name, string Node, long Posts);

/// <summary>
/// A chat room, one per room name in the whole cluster: a child of the distributed supervisor "rooms", registered under
/// its global name (<c>room:N</c>). Users on any node reach it by that name with a typed client; <c>Remote = true</c>
/// gives its calls an Erlang-term form, so the calls cross nodes.
/// </summary>
[GenServer(Remote = true)]
public partial class Room
{
    private const int HistoryKept = 50;
    private readonly string _name;
    private readonly Queue<string> _history = new();
    private long _posts;

    public Room(string roomName) => _name = roomName;

    /// <summary>Takes a post and answers its sequence number in this room (restarted rooms count from one again).</summary>
    [Call] public long Post(string user, string text)
    {
        _history.Enqueue($"{user}: {text}");
        if (_history.Count > HistoryKept)
        {
            _history.Dequeue();
        }

        return ++_posts;
    }

    /// <summary>The room's name, node and post count.</summary>
    [Call] public RoomInfo Info() => new(_name, Node.NodeName ?? "local", _posts);
}
