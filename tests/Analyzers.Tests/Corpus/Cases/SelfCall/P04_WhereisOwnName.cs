// Positive: the server looks itself up by the one name it is registered under, then calls it.
using System;
using System.Threading.Tasks;
using Arbor;

namespace Corpus.SelfCall.P04;

[GenServer]
public partial class Cache
{
    private int _size;

    [Call] public int Size() => _size;

    [Cast]
    public async ValueTask Grow()
    {
        var cache = Node.Whereis<CacheRef>("cache");
        _size = await cache.SizeAsync() + 1; //~ ARB1010
    }
}

public static class Program
{
    public static SupervisorOptions Tree() => new() { Strategy = Strategy.OneForOne, Children = new[] { Cache.ChildSpec(name: "cache") } };
}
