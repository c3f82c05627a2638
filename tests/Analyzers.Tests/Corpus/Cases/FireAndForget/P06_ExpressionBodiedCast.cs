// Positive: an expression-bodied cast that starts async work and returns at once.
using System.Threading.Tasks;
using Arbor;

namespace Corpus.FireAndForget.P06;

[GenServer]
public partial class Cache
{
    private int _warmed;

    [Cast] public void Warm() => WarmAsync(); //~ ARB1006
    [Call] public int Warmed() => _warmed;

    private async Task WarmAsync()
    {
        await Task.Delay(10);
        _warmed++;
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Cache.ChildSpec() };
}
