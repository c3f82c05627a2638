// Negative: the stand-alone start sits inside a child spec's start function, which the supervisor calls.
using System.Threading.Tasks;
using Arbor;

namespace Corpus.UnsupervisedStart.N04;

[GenServer]
public partial class Pool
{
    private readonly int _size;
    public Pool(int size) => _size = size;
    [Call] public int Size() => _size;
}

public static class App
{
    public static ChildSpec PoolSpec(int size) => new ChildSpec("pool", ctx => GenServer.StartAsync(ctx.Node, () => new Pool(size)));
}
