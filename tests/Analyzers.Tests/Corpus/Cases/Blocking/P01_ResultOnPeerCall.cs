// Positive: a sync call handler blocks on another server's reply.
using Arbor;

namespace Corpus.Blocking.P01;

[GenServer]
public partial class Prices
{
    [Call] public decimal Price(string sku) => sku.Length;
}

[GenServer]
public partial class Quotes
{
    private readonly PricesRef _prices;
    public Quotes(PricesRef prices) => _prices = prices;

    [Call]
    public decimal Quote(string sku, int quantity)
    {
        var unit = _prices.PriceAsync(sku).Result; //~ ARB1009
        return unit * quantity;
    }
}

public static class App
{
    public static ChildSpec[] Children(PricesRef prices) => new[] { Prices.ChildSpec(), Quotes.ChildSpec(prices) };
}
