// Negative: an awaited ValueTask result and Result of a task already awaited through ConfigureAwait.
using System.Threading.Tasks;
using Arbor;

namespace Corpus.Blocking.N10;

[GenServer]
public partial class Calculator
{
    private int _calls;

    [Call]
    public async Task<int> Square(int x)
    {
        _calls++;
        var computing = Task.Run(() => x * x);
        await computing.ConfigureAwait(false);
        return computing.Result;
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Calculator.ChildSpec() };
}
