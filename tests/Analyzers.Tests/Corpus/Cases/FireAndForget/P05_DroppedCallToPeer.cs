// Positive: a call to another server whose reply (and failure) is dropped.
using Arbor;

namespace Corpus.FireAndForget.P05;

[GenServer]
public partial class Stock
{
    private int _level;
    [Call] public int Reserve(int n) { _level -= n; return _level; }
}

[GenServer]
public partial class Checkout
{
    private readonly StockRef _stock;
    private int _orders;

    public Checkout(StockRef stock) => _stock = stock;

    [Cast]
    public void Order(int quantity)
    {
        _orders++;
        _ = _stock.ReserveAsync(quantity); //~ ARB1006
    }
}

public static class App
{
    public static ChildSpec[] Children(StockRef stock) => new[] { Stock.ChildSpec(), Checkout.ChildSpec(stock) };
}
