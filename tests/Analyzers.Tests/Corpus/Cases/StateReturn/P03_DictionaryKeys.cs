// Positive: Keys of the server's dictionary is a live collection.
using System.Collections.Generic;
using Arbor;

namespace Corpus.StateReturn.P03;

[GenServer]
public partial class Presence
{
    private readonly Dictionary<string, System.DateTime> _online = new();

    [Cast] public void Seen(string user) => _online[user] = System.DateTime.UtcNow;
    [Cast] public void Left(string user) => _online.Remove(user);

    [Call]
    public IEnumerable<string> Online()
    {
        return _online.Keys; //~ ARB1003
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Presence.ChildSpec() };
}
