// Negative: the continuation's task parameter is complete when the continuation runs; the whole chain is awaited.
using System.Threading.Tasks;
using Arbor;

namespace Corpus.Blocking.N04;

[GenServer]
public partial class Doubler
{
    private int _calls;

    [Call]
    public async ValueTask<int> Double(int x)
    {
        _calls++;
        return await Task.Run(() => x).ContinueWith(t => t.Result * 2);
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Doubler.ChildSpec() };
}
