// Positive: a static readonly array whose slots every process writes.
using Arbor;

namespace Corpus.StaticState.P04;

[GenServer]
public partial class Shard
{
    private static readonly long[] s_hits = new long[16]; //~ ARB1002
    private readonly int _index;

    public Shard(int index) => _index = index;

    [Cast] public void Hit() => s_hits[_index]++;
    [Call] public long Hits() => s_hits[_index];
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Shard.ChildSpec(0, id: "s0"), Shard.ChildSpec(1, id: "s1") };
}
