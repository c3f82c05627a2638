// Negative: a catch-all in a helper that ends the failure through Exit on the process itself (it surfaces).
using System;
using System.Collections.Generic;
using Arbor;

namespace Corpus.CatchAll.N12;

[GenServer]
public partial class Relay
{
    private readonly List<Pid> _targets = new();

    [Cast] public void Subscribe(Pid target) => _targets.Add(target);

    [Cast]
    public void Publish(string text)
    {
        foreach (var target in _targets)
        {
            Forward(target, text);
        }
    }

    private void Forward(Pid target, string text)
    {
        try
        {
            target.Send(text);
        }
        catch (Exception e)
        {
            Exit(Self, ExitReason.Crash(e));
        }
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Relay.ChildSpec() };
}
