// Negative: started from its child spec under a supervisor.
using System;
using System.Threading.Tasks;
using Arbor;

namespace Corpus.UnsupervisedStart.N01;

[GenServer]
public partial class Cache
{
    private int _hits;
    [Call] public int Hit() => ++_hits;
}

public static class Program
{
    public static async Task Main()
    {
        await using var node = await ArborNode.StartAsync();
        await node.StartSupervisorAsync(Strategy.OneForOne, 3, TimeSpan.FromSeconds(5), Cache.ChildSpec(name: "cache"));
        var cache = node.Whereis<CacheRef>("cache");
        await cache.HitAsync();
    }
}
