// Negative: wraps the failure with context and throws it.
using System;
using System.IO;
using Arbor;

namespace Corpus.CatchAll.N03;

public sealed class StoreCorruptException(string message, Exception inner) : Exception(message, inner);

[GenServer]
public partial class BlobStore
{
    private readonly string _root;

    public BlobStore(string root) => _root = root;

    [Call(Dirty = true)] // file I/O: on the dirty schedulers, so ARB1011 has nothing to suggest either
    public string Read(string key)
    {
        try
        {
            return File.ReadAllText(Path.Combine(_root, key));
        }
        catch (Exception e)
        {
            throw new StoreCorruptException($"cannot read {key}", e);
        }
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { BlobStore.ChildSpec("/var/blobs") };
}
