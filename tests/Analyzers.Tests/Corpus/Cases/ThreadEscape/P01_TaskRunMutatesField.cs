// Positive: Task.Run mutates a field from a pool thread, and the task is dropped.
using System.Threading.Tasks;
using Arbor;

namespace Corpus.ThreadEscape.P01;

[GenServer]
public partial class Counter
{
    private int _count;

    [Cast]
    public void Bump()
    {
        Task.Run(() => _count++); //~ ARB1005 ARB1006
    }

    [Call] public int Get() => _count;
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Counter.ChildSpec() };
}
