// Negative: a shard asks its sibling shard (same type, other registered name).
using System.Threading.Tasks;
using Arbor;

namespace Corpus.SelfCall.N03;

[GenServer]
public partial class Shard
{
    private readonly string _next;
    private int _keys;

    public Shard(string next) => _next = next;

    [Call] public int Keys() => _keys;

    [Call]
    public async ValueTask<int> RingTotal(int hops)
    {
        if (hops == 0) return _keys;
        var next = Node.Whereis<ShardRef>(_next);
        return _keys + await next.KeysAsync();
    }

    [Call]
    public async ValueTask<int> BKeys() => await Node.Whereis<ShardRef>("shard-b").KeysAsync();
}

public static class App
{
    public static ChildSpec[] Children() => new[]
    {
        Shard.ChildSpec("shard-b", id: "a", name: "shard-a"),
        Shard.ChildSpec("shard-a", id: "b", name: "shard-b"),
    };
}
