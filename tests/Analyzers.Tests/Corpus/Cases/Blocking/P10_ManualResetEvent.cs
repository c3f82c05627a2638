// Positive: a continue handler waits on an event another thread sets.
using System.Threading;
using Arbor;

namespace Corpus.Blocking.P10;

public sealed record Ready;

[GenServer]
public partial class Starter
{
    private readonly ManualResetEventSlim _ready = new();

    public Starter() => Continue(new Ready());

    [Continue]
    public void After(Ready ready)
    {
        _ready.Wait(); //~ ARB1009
    }

    [Cast] public void Signal() => _ready.Set();
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Starter.ChildSpec() };
}
