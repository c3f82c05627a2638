// Negative: Result only read when the task is known complete.
using System.Threading.Tasks;
using Arbor;

namespace Corpus.Blocking.N03;

[GenServer]
public partial class Warmup
{
    private Task<int>? _load;

    public Warmup() => _load = Task.FromResult(7);

    [Call]
    public int Value()
    {
        if (_load is { IsCompletedSuccessfully: true } && _load.IsCompletedSuccessfully)
        {
            return _load.Result;
        }

        return -1;
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Warmup.ChildSpec() };
}
