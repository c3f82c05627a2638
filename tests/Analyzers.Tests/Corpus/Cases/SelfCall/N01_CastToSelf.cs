// Negative: casting to self queues a message; it does not wait.
using Arbor;

namespace Corpus.SelfCall.N01;

[GenServer]
public partial class Counter
{
    private int _count;

    [Cast] public void Reset() => _count = 0;

    [Call]
    public int AddAndMaybeReset(int by)
    {
        _count += by;
        if (_count > 100) SelfRef.Reset();
        return _count;
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Counter.ChildSpec() };
}
