// Negative: ToImmutableArray / ToImmutableDictionary build immutable snapshots.
using System.Collections.Generic;
using System.Collections.Immutable;
using Arbor;

namespace Corpus.StateReturn.N03;

[GenServer]
public partial class Catalog
{
    private readonly List<string> _skus = new();
    private readonly Dictionary<string, decimal> _prices = new();

    [Cast] public void Add(string sku, decimal price) { _skus.Add(sku); _prices[sku] = price; }
    [Call] public ImmutableArray<string> Skus() => _skus.ToImmutableArray();
    [Call] public ImmutableDictionary<string, decimal> Prices() => _prices.ToImmutableDictionary();
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Catalog.ChildSpec() };
}
