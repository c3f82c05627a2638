// Negative: a Timer in an ordinary class (not a GenServer) that casts to the server instead of touching it.
using System;
using System.Threading;
using Arbor;

namespace Corpus.ThreadEscape.N06;

[GenServer]
public partial class Gauge
{
    private int _value;

    [Cast] public void Set(int value) => _value = value;
    [Call] public int Read() => _value;
}

public sealed class GaugeFeeder : IDisposable
{
    private readonly Timer _timer;
    private int _next;

    public GaugeFeeder(GaugeRef gauge) => _timer = new Timer(_ => gauge.Set(_next++), null, 0, 1000);

    public void Dispose() => _timer.Dispose();
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Gauge.ChildSpec() };
}
