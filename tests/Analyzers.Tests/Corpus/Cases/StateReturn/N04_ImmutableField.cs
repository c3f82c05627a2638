// Negative: the state itself is an immutable list; replying with it shares nothing that can change.
using System.Collections.Immutable;
using Arbor;

namespace Corpus.StateReturn.N04;

[GenServer]
public partial class History
{
    private ImmutableList<string> _lines = ImmutableList<string>.Empty;

    [Cast] public void Add(string line) => _lines = _lines.Add(line);
    [Call] public ImmutableList<string> Lines() => _lines;
}

public static class App
{
    public static ChildSpec[] Children() => new[] { History.ChildSpec() };
}
