// Negative: the mutable collections are instance fields: each process owns its own.
using System.Collections.Generic;
using Arbor;

namespace Corpus.StaticState.N02;

[GenServer]
public partial class Cart
{
    private readonly Dictionary<string, int> _lines = new();
    private readonly List<string> _history = new();

    [Cast]
    public void Add(string sku, int quantity)
    {
        _lines[sku] = _lines.GetValueOrDefault(sku) + quantity;
        _history.Add($"+{quantity} {sku}");
    }

    [Call] public int Quantity(string sku) => _lines.GetValueOrDefault(sku);
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Cart.ChildSpec() };
}
