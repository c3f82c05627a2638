// Negative: indexing the awaited array of tasks.
using System.Threading.Tasks;
using Arbor;

namespace Corpus.Blocking.N06;

[GenServer]
public partial class Fanout
{
    private int _rounds;

    [Call]
    public async ValueTask<int> Sum(int n)
    {
        _rounds++;
        var parts = new Task<int>[n];
        for (var i = 0; i < n; i++)
        {
            var k = i;
            parts[i] = Task.Run(() => k * k);
        }

        await Task.WhenAll(parts).ConfigureAwait(false);
        var sum = 0;
        for (var i = 0; i < n; i++) sum += parts[i].Result;
        return sum;
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Fanout.ChildSpec() };
}
