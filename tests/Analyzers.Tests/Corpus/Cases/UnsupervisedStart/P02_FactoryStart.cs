// Positive: GenServer.StartAsync with a factory and no link.
using System.Threading.Tasks;
using Arbor;

namespace Corpus.UnsupervisedStart.P02;

[GenServer]
public partial class Clock
{
    private long _ticks;
    [Cast] public void Tick() => _ticks++;
}

public static class Boot
{
    public static ChildSpec[] Children() => new[] { Clock.ChildSpec() };

    public static async Task<Pid> StartClock(ArborNode node)
    {
        var result = await GenServer.StartAsync(node, () => new Clock()); //~ ARB1007
        return result.Pid;
    }
}
