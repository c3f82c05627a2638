// Negative: GenServer.StartAsync with Link = true from inside a process.
using System.Threading.Tasks;
using Arbor;

namespace Corpus.UnsupervisedStart.N03;

[GenServer]
public partial class Probe
{
    [Call] public bool Alive() => true;
}

[GenServer]
public partial class Monitor
{
    private Pid _probe;

    [Cast]
    public async ValueTask Spawn()
    {
        var result = await GenServer.StartAsync(Node, () => new Probe(), new StartOptions { Link = true });
        _probe = result.Pid;
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Monitor.ChildSpec(), Probe.ChildSpec() };
}
