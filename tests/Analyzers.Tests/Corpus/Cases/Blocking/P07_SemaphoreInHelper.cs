// Positive: a helper the handler calls waits on a semaphore.
using System.Threading;
using Arbor;

namespace Corpus.Blocking.P07;

[GenServer]
public partial class Gate
{
    private readonly SemaphoreSlim _slots = new(2);
    private int _entered;

    [Call] public int Enter() { Acquire(); return ++_entered; }
    [Cast] public void Leave() => _slots.Release();

    private void Acquire() => _slots.Wait(); //~ ARB1009
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Gate.ChildSpec() };
}
