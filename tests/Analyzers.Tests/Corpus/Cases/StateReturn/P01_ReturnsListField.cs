// Positive: the reply is the server's own list (one defect, owned by ARB1003).
using System.Collections.Generic;
using Arbor;

namespace Corpus.StateReturn.P01;

[GenServer]
public partial class TodoList
{
    private readonly List<string> _items = new();

    [Cast] public void Add(string item) => _items.Add(item);
    [Call] public List<string> Items() => _items; //~ ARB1003
}

public static class App
{
    public static ChildSpec[] Children() => new[] { TodoList.ChildSpec() };
}
