// Positive: a generic server nobody puts under a supervisor.
using System.Collections.Generic;
using Arbor;

namespace Corpus.MissingChildSpec.P04;

[GenServer]
public partial class Bag<T> //~ ARB1008
    where T : notnull
{
    private readonly HashSet<T> _items = new();
    [Cast] public void Put(T item) => _items.Add(item);
    [Call] public int Count() => _items.Count;
}

[GenServer]
public partial class Counter
{
    private int _n;
    [Cast] public void Inc() => _n++;
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Counter.ChildSpec() };
}
