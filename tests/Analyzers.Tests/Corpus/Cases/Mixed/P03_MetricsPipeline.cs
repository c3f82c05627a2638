// Positive: a metrics pipeline with a static buffer and a timer thread touching the process.
using System;
using System.Collections.Generic;
using System.Threading;
using Arbor;

namespace Corpus.Mixed.P03;

public sealed record Sample(string Name, double Value);

[GenServer]
public partial class Collector
{
    private static readonly List<Sample> Pending = new(); //~ ARB1002
    private readonly Timer _flush;
    private int _flushed;

    public Collector() => _flush = new Timer(_ => Flush(), null, 1000, 1000); //~ ARB1005

    [Info] public void On(Sample sample) => Pending.Add(sample);
    [Call] public int Flushed() => _flushed;
    [Terminate] public void Cleanup(ExitReason reason) => _flush.Dispose();

    private void Flush()
    {
        _flushed += Pending.Count;
        Pending.Clear();
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Collector.ChildSpec() };
}
