// Positive: Task.WaitAll over two lookups.
using System.Threading.Tasks;
using Arbor;

namespace Corpus.Blocking.P06;

[GenServer]
public partial class Aggregator
{
    private int _calls;

    [Call]
    public int Combined(int a, int b)
    {
        _calls++;
        var first = Task.Run(() => a * 2);
        var second = Task.Run(() => b * 3);
        Task.WaitAll(first, second); //~ ARB1009
        return first.Result + second.Result;
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Aggregator.ChildSpec() };
}
