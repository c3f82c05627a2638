// Negative: discards of plain values (bool results) are not tasks.
using System.Collections.Generic;
using Arbor;

namespace Corpus.FireAndForget.N05;

[GenServer]
public partial class Registry
{
    private readonly Dictionary<string, int> _ids = new();

    [Cast] public void Forget(string key) => _ = _ids.Remove(key);

    [Cast]
    public void Parse(string key, string text)
    {
        _ = int.TryParse(text, out var id);
        _ids[key] = id;
    }

    [Call] public int Count() => _ids.Count;
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Registry.ChildSpec() };
}
