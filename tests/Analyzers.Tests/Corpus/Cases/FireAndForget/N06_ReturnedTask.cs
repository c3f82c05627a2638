// Negative: the handler returns the task, so the process awaits it.
using System.IO;
using System.Threading.Tasks;
using Arbor;

namespace Corpus.FireAndForget.N06;

[GenServer]
public partial class Exporter
{
    private string _data = "";

    [Cast] public void Set(string data) => _data = data;
    [Cast] public Task Export(string path) => File.WriteAllTextAsync(path, _data);
    [Call] public ValueTask<int> Length() => new(_data.Length);
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Exporter.ChildSpec() };
}
