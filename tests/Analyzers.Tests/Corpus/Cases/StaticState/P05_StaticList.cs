// Positive: a static list of subscribers kept on the GenServer type.
using System.Collections.Generic;
using Arbor;

namespace Corpus.StaticState.P05;

[GenServer]
public partial class Broadcaster
{
    private static readonly List<Pid> Subscribers = new(); //~ ARB1002

    [Cast] public void Join(Pid who) => Subscribers.Add(who);

    [Cast]
    public void Say(string text)
    {
        foreach (var subscriber in Subscribers) subscriber.Send(text);
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Broadcaster.ChildSpec() };
}
