// Negative: a process starts a helper linked to itself (StartLinkAsync): the parent supervises it.
using System.Threading.Tasks;
using Arbor;

namespace Corpus.UnsupervisedStart.N02;

[GenServer]
public partial class Worker
{
    [Call] public int Work(int x) => x * 2;
}

[GenServer]
public partial class Manager
{
    private WorkerRef? _worker;

    [Call]
    public async ValueTask<int> Delegate(int x)
    {
        _worker ??= await Worker.StartLinkAsync(Node);
        return await _worker.Value.WorkAsync(x);
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Manager.ChildSpec(), Worker.ChildSpec() };
}
