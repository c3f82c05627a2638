// Negative: the server hands its own client to a peer, which calls it later from its own process.
using System.Threading.Tasks;
using Arbor;

namespace Corpus.SelfCall.N07;

[GenServer]
public partial class Worker
{
    private int _done;
    [Call] public int Done() => _done;
    [Cast] public void Register(CoordinatorRef coordinator) => coordinator.Join(SelfRef);
}

[GenServer]
public partial class Coordinator
{
    private WorkerRef? _worker;

    [Cast] public void Join(WorkerRef worker) => _worker = worker;

    [Call] public async ValueTask<int> Progress() => _worker is { } w ? await w.DoneAsync() : 0;
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Worker.ChildSpec(), Coordinator.ChildSpec() };
}
