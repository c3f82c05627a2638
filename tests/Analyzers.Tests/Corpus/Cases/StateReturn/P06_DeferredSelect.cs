// Positive: Select over a field, replied unevaluated.
using System.Collections.Generic;
using System.Linq;
using Arbor;

namespace Corpus.StateReturn.P06;

public sealed record Player(string Name, int Score);

[GenServer]
public partial class Lobby
{
    private readonly List<Player> _players = new();

    [Cast] public void Join(string name) => _players.Add(new Player(name, 0));

    [Call]
    public IEnumerable<string> Names()
    {
        var names = _players.Select(p => p.Name);
        return _players.Select(p => p.Name); //~ ARB1003
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Lobby.ChildSpec() };
}
