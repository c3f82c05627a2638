// Negative: the catch-all stops the process with the failure as its reason.
using System;
using System.Collections.Generic;
using Arbor;

namespace Corpus.CatchAll.N04;

public sealed record Tick;

[GenServer]
public partial class Poller
{
    private readonly List<int> _samples = new();

    [Info]
    public void On(Tick tick)
    {
        try
        {
            _samples.Add(Sample());
        }
        catch (Exception e)
        {
            Stop(ExitReason.Crash(e));
        }
    }

    [Call] public int Count() => _samples.Count;

    private int Sample() => _samples.Count > 1000 ? throw new InvalidOperationException("full") : Environment.TickCount;
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Poller.ChildSpec() };
}
