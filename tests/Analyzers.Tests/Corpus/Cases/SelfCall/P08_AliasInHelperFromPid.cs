// Positive: a helper builds a client for its own pid into a local and calls it.
using System.Threading.Tasks;
using Arbor;

namespace Corpus.SelfCall.P08;

[GenServer]
public partial class Job
{
    private string _status = "idle";

    [Call] public string Status() => _status;

    [Cast]
    public async ValueTask Tick()
    {
        if (await IsIdle()) _status = "running";
    }

    private async ValueTask<bool> IsIdle()
    {
        var self = JobRef.FromPid(Self);
        return await self.StatusAsync() == "idle"; //~ ARB1010
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Job.ChildSpec() };
}
