// Positive: a bare catch in a cast handler hides a corrupt state.
using System;
using System.Collections.Generic;
using Arbor;

namespace Corpus.CatchAll.P02;

[GenServer]
public partial class Inventory
{
    private readonly Dictionary<string, int> _stock = new();

    [Cast]
    public void Take(string sku, int quantity)
    {
        try
        {
            var left = _stock[sku] - quantity;
            if (left < 0) throw new InvalidOperationException("oversold");
            _stock[sku] = left;
        }
        catch //~ ARB1001
        {
        }
    }

    [Cast] public void Restock(string sku, int quantity) => _stock[sku] = _stock.GetValueOrDefault(sku) + quantity;
    [Call] public int Level(string sku) => _stock.GetValueOrDefault(sku);
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Inventory.ChildSpec() };
}
