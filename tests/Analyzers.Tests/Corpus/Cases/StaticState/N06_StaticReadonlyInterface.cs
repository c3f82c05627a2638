// Negative: a static readonly read-only view over an array built once and never written.
using System.Collections.Generic;
using Arbor;

namespace Corpus.StaticState.N06;

[GenServer]
public partial class Weekdays
{
    private static readonly IReadOnlyList<string> Names = new[] { "Mon", "Tue", "Wed", "Thu", "Fri" };
    private int _asked;

    [Call]
    public string Name(int day)
    {
        _asked++;
        return Names[day % Names.Count];
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Weekdays.ChildSpec() };
}
