// Positive: options given, but Link is false: still stand-alone.
using System.Threading.Tasks;
using Arbor;

namespace Corpus.UnsupervisedStart.P04;

[GenServer]
public partial class Pinger
{
    [Call] public string Ping() => "pong";
}

public static class Boot
{
    public static ChildSpec[] Children() => new[] { Pinger.ChildSpec() };

    public static async Task Run(ArborNode node)
    {
        var started = await GenServer.StartAsync(node, () => new Pinger(), new StartOptions { Link = false }); //~ ARB1007
    }
}
