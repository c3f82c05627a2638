// Negative: Parallel.For writes only into a local array the handler owns; the handler waits for it.
using System.Threading.Tasks;
using Arbor;

namespace Corpus.ThreadEscape.N04;

[GenServer]
public partial class Squares
{
    private int _calls;

    [Call]
    public long SumOfSquares(int n)
    {
        _calls++;
        var parts = new long[n];
        Parallel.For(0, n, i => parts[i] = (long)i * i);
        long sum = 0;
        foreach (var p in parts) sum += p;
        return sum;
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Squares.ChildSpec() };
}
