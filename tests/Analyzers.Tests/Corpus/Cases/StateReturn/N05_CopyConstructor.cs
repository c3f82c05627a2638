// Negative: a copy through the collection's copy constructor.
using System.Collections.Generic;
using Arbor;

namespace Corpus.StateReturn.N05;

[GenServer]
public partial class Roster
{
    private readonly HashSet<string> _names = new();

    [Cast] public void Add(string name) => _names.Add(name);
    [Call] public IReadOnlySet<string> Names() => new HashSet<string>(_names, _names.Comparer);
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Roster.ChildSpec() };
}
