// Negative: the timer is a message to self (SendAfter), handled like any other message.
using System;
using Arbor;

namespace Corpus.ThreadEscape.N03;

public sealed record Beat;

[GenServer]
public partial class Heartbeat
{
    private int _beats;

    public Heartbeat() => SendAfter(TimeSpan.FromSeconds(1), new Beat());

    [Info]
    public void On(Beat beat)
    {
        _beats++;
        SendAfter(TimeSpan.FromSeconds(1), beat);
    }

    [Call] public int Beats() => _beats;
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Heartbeat.ChildSpec() };
}
