// Positive: the task is started, some work done, then its Result read without ever awaiting it.
using System.IO;
using System.Threading.Tasks;
using Arbor;

namespace Corpus.Blocking.P08;

[GenServer]
public partial class Loader
{
    private int _loads;

    [Call]
    public int Load(string path)
    {
        Task<string> pending = File.ReadAllTextAsync(path);
        _loads++;
        return pending.Result.Length; //~ ARB1009
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Loader.ChildSpec() };
}
