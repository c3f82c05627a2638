// Negative: CPU work on the pool that only uses its own inputs, awaited by the handler.
using System.Threading.Tasks;
using Arbor;

namespace Corpus.ThreadEscape.N01;

[GenServer]
public partial class Hasher
{
    private int _hashed;

    [Call]
    public async ValueTask<int> Hash(string text)
    {
        var copy = text;
        var hash = await Task.Run(() => Compute(copy));
        _hashed++;
        return hash;
    }

    private static int Compute(string text)
    {
        var h = 17;
        foreach (var c in text) h = h * 31 + c;
        return h;
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Hasher.ChildSpec() };
}
