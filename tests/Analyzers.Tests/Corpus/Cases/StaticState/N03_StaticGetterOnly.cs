// Negative: a static computed property and a static readonly string: read-only, immutable.
using System;
using Arbor;

namespace Corpus.StaticState.N03;

[GenServer]
public partial class Clock
{
    private static readonly string Zone = "UTC";
    public static DateTime Now => DateTime.UtcNow;

    private DateTime _started = Now;

    [Call] public string Uptime() => $"{(Now - _started).TotalSeconds:F0}s {Zone}";
    [Cast] public void Reset() => _started = Now;
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Clock.ChildSpec() };
}
