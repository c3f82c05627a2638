// Positive: a cast message class with public setters.
using Arbor;

namespace Corpus.Messages.P01;

public sealed class ShipOrder
{
    public string OrderId { get; set; } = "";
    public string Address { get; set; } = "";
}

[GenServer]
public partial class Shipping
{
    private int _shipped;

    [Cast] public void Ship(ShipOrder order) => _shipped++; //~ ARB1004
    [Call] public int Shipped() => _shipped;
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Shipping.ChildSpec() };
}
