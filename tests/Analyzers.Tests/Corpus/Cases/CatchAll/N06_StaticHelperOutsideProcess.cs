// Negative: a static parsing helper with a catch-all that no handler calls; the app uses it before starting anything.
using System;
using Arbor;

namespace Corpus.CatchAll.N06;

[GenServer]
public partial class Throttle
{
    private readonly int _limit;
    private int _used;

    public Throttle(int limit) => _limit = limit;

    [Call] public bool Acquire() => _used < _limit && ++_used > 0;
    [Cast] public void Release() => _used = Math.Max(0, _used - 1);

    public static int ParseLimitOrDefault(string? text)
    {
        try
        {
            return int.Parse(text!);
        }
        catch (Exception)
        {
            return 10;
        }
    }
}

public static class App
{
    public static ChildSpec[] Children(string? configured) => new[] { Throttle.ChildSpec(Throttle.ParseLimitOrDefault(configured)) };
}
