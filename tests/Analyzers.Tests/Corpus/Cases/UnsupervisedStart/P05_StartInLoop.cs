// Positive: a loop of stand-alone starts (two types).
using System.Threading.Tasks;
using Arbor;

namespace Corpus.UnsupervisedStart.P05;

[GenServer]
public partial class Shard
{
    private readonly int _n;
    public Shard(int n) => _n = n;
    [Call] public int N() => _n;
}

[GenServer]
public partial class Router
{
    [Call] public int Route(string key) => key.Length % 4;
}

public static class Boot
{
    public static ChildSpec[] Children() => new[] { Shard.ChildSpec(0), Router.ChildSpec() };

    public static async Task Run(ArborNode node)
    {
        for (var i = 0; i < 4; i++)
        {
            await Shard.StartAsync(node, i, name: $"shard{i}"); //~ ARB1007
        }

        await Router.StartAsync(node); //~ ARB1007
    }
}
