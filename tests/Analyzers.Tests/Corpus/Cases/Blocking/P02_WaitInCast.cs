// Positive: a cast waits for a file write to finish.
using System.IO;
using Arbor;

namespace Corpus.Blocking.P02;

[GenServer]
public partial class Snapshotter
{
    private int _version;

    [Cast]
    public void Save(string text)
    {
        _version++;
        File.WriteAllTextAsync($"snap{_version}.txt", text).Wait(); //~ ARB1009
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Snapshotter.ChildSpec() };
}
