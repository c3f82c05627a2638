// Positive: a list inside the server's own state object.
using System.Collections.Generic;
using Arbor;

namespace Corpus.StateReturn.P08;

internal sealed class RoomState
{
    public readonly List<string> Members = new();
    public string Topic = "";
}

[GenServer]
public partial class Room
{
    private readonly RoomState _state = new();

    [Cast] public void Enter(string who) => _state.Members.Add(who);
    [Call] public IReadOnlyList<string> Members() => _state.Members; //~ ARB1003
    [Call] public string Topic() => _state.Topic;
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Room.ChildSpec() };
}
