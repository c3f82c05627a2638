// Positive: the program starts its cache stand-alone; if it crashes nobody restarts it.
using System.Threading.Tasks;
using Arbor;

namespace Corpus.UnsupervisedStart.P01;

[GenServer]
public partial class Cache
{
    private int _hits;
    [Call] public int Hit() => ++_hits;
}

public static class Program
{
    public static ChildSpec[] Children() => new[] { Cache.ChildSpec() };

    public static async Task Main()
    {
        await using var node = await ArborNode.StartAsync();
        var cache = await Cache.StartAsync(node, name: "cache"); //~ ARB1007
        await cache.HitAsync();
    }
}
