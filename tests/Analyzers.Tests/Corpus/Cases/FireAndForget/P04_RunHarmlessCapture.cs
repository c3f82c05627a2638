// Positive: the background work captures nothing of the process, but it is still unsupervised.
using System.IO;
using System.IO.Compression;
using System.Threading.Tasks;
using Arbor;

namespace Corpus.FireAndForget.P04;

[GenServer]
public partial class Archiver
{
    private int _requested;

    [Cast]
    public void Archive(string folder)
    {
        _requested++;
        var target = folder + ".zip";
        _ = Task.Run(() => ZipFile.CreateFromDirectory(folder, target)); //~ ARB1006
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Archiver.ChildSpec() };
}
