// Negative: counts, sums and Any over the field are values, not views.
using System.Collections.Generic;
using System.Linq;
using Arbor;

namespace Corpus.StateReturn.N06;

public sealed record Line(string Sku, int Quantity, decimal Price);

[GenServer]
public partial class Basket
{
    private readonly List<Line> _lines = new();

    [Cast] public void Add(Line line) => _lines.Add(line);
    [Call] public int Count() => _lines.Count;
    [Call] public decimal Total() => _lines.Sum(l => l.Quantity * l.Price);
    [Call] public bool Contains(string sku) => _lines.Any(l => l.Sku == sku);
    [Call] public int Expensive() => _lines.Where(l => l.Price > 100).Count();
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Basket.ChildSpec() };
}
