// Positive: a small shop with a supervisor tree; the cart leaks its lines and the checkout blocks.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Arbor;

namespace Corpus.Mixed.P01;

public sealed record Line(string Sku, int Quantity);

[GenServer]
public partial class Cart
{
    private readonly List<Line> _lines = new();

    [Cast] public void Add(Line line) => _lines.Add(line);
    [Call] public IEnumerable<Line> Lines() => _lines.Where(l => l.Quantity > 0); //~ ARB1003
    [Call] public int Count() => _lines.Count;
}

[GenServer]
public partial class Checkout
{
    private readonly CartRef _cart;
    private int _orders;

    public Checkout(CartRef cart) => _cart = cart;

    [Call]
    public int Submit()
    {
        var count = _cart.CountAsync().AsTask().Result; //~ ARB1009
        _orders++;
        return count;
    }

    [Call] public int Orders() => _orders;
}

public static class Program
{
    public static async Task Main()
    {
        await using var node = await ArborNode.StartAsync();
        await node.StartSupervisorAsync(Strategy.RestForOne, 3, TimeSpan.FromSeconds(5), Cart.ChildSpec(name: "cart"));
        var cart = node.Whereis<CartRef>("cart");
        await node.StartSupervisorAsync(Strategy.OneForOne, 3, TimeSpan.FromSeconds(5), Checkout.ChildSpec(cart, name: "checkout"));
    }
}
