// Positive: a handler calls its own server through SelfRef.
using System.Threading.Tasks;
using Arbor;

namespace Corpus.SelfCall.P01;

[GenServer]
public partial class Counter
{
    private int _count;

    [Call] public int Get() => _count;

    [Call]
    public async ValueTask<int> Double()
    {
        var current = await SelfRef.GetAsync(); //~ ARB1010
        _count = current * 2;
        return _count;
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Counter.ChildSpec() };
}
