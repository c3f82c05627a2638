namespace Arbor.Testing.Tests.Fakes;

/// <summary>A collaborator: the stock of a shop. Tests replace it with the generated <c>InventoryFake</c>.</summary>
[GenServer]
public partial class Inventory
{
    private readonly Dictionary<string, int> _stock = new();

    [Call] public bool Reserve(string item, int count)
    {
        var left = _stock.GetValueOrDefault(item);
        if (left < count)
        {
            return false;
        }

        _stock[item] = left - count;
        return true;
    }

    [Cast] public void Restock(string item, int count) => _stock[item] = _stock.GetValueOrDefault(item) + count;
}

/// <summary>The server under test: it sells through the inventory registered as "inventory".</summary>
[GenServer]
public partial class Checkout
{
    private int _sold;

    [Call] public async ValueTask<string> Buy(string item)
    {
        var inventory = Node.Whereis<InventoryRef>("inventory");
        if (!await inventory.ReserveAsync(item, 1))
        {
            inventory.Restock(item, 10); // sold out: order more
            return "sold out";
        }

        _sold++;
        return "bought";
    }

    [Call] public int Sold() => _sold;
}
