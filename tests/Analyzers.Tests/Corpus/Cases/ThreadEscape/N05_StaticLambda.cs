// Negative: a static lambda (cannot touch the process) awaited with its result sent back as the reply.
using System.IO.Compression;
using System.IO;
using System.Threading.Tasks;
using Arbor;

namespace Corpus.ThreadEscape.N05;

[GenServer]
public partial class Compressor
{
    private long _saved;

    [Call]
    public async ValueTask<long> Compress(string path)
    {
        var size = await Task.Run(static () => 42L);
        _saved += size;
        return _saved;
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Compressor.ChildSpec() };
}
