// Negative: ToArray of dictionary keys is a snapshot.
using System.Collections.Generic;
using System.Linq;
using Arbor;

namespace Corpus.StateReturn.N02;

[GenServer]
public partial class Presence
{
    private readonly Dictionary<string, int> _online = new();

    [Cast] public void Seen(string user) => _online[user] = _online.GetValueOrDefault(user) + 1;
    [Call] public IReadOnlyList<string> Online() => _online.Keys.ToArray();
    [Call] public IReadOnlyCollection<int> Visits() => _online.Values.ToList();
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Presence.ChildSpec() };
}
