// Negative: a program-level helper calls the server by its registered name (it is not the server itself).
using System.Threading.Tasks;
using Arbor;

namespace Corpus.SelfCall.N06;

[GenServer]
public partial class Store
{
    private int _items;
    [Call] public int Items() => _items;
    [Cast] public void Add() => _items++;
}

public static class Admin
{
    public static ChildSpec[] Children() => new[] { Store.ChildSpec(name: "store") };

    public static async Task<int> Inspect(ArborNode node) => await node.Whereis<StoreRef>("store").ItemsAsync();
}
