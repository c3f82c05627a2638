// Negative: ToList is a snapshot; the caller owns the copy.
using System.Collections.Generic;
using System.Linq;
using Arbor;

namespace Corpus.StateReturn.N01;

[GenServer]
public partial class TodoList
{
    private readonly List<string> _items = new();

    [Cast] public void Add(string item) => _items.Add(item);
    [Call] public IReadOnlyList<string> Items() => _items.ToList();
}

public static class App
{
    public static ChildSpec[] Children() => new[] { TodoList.ChildSpec() };
}
