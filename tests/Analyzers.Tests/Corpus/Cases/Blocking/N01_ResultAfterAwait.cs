// Negative: the task was awaited first; its Result is already there.
using System.IO;
using System.Threading.Tasks;
using Arbor;

namespace Corpus.Blocking.N01;

[GenServer]
public partial class Loader
{
    private string _last = "";

    [Call]
    public async ValueTask<int> Load(string path)
    {
        var read = File.ReadAllTextAsync(path);
        await read;
        _last = read.Result;
        return _last.Length;
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Loader.ChildSpec() };
}
