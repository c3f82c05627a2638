// Positive: two servers, one of which no child spec ever mentions.
using System;
using System.Threading.Tasks;
using Arbor;

namespace Corpus.MissingChildSpec.P01;

[GenServer]
public partial class Orders
{
    private int _count;
    [Cast] public void Add() => _count++;
}

[GenServer]
public partial class Invoices //~ ARB1008
{
    private int _count;
    [Cast] public void Add() => _count++;
}

public static class Program
{
    public static async Task Main()
    {
        await using var node = await ArborNode.StartAsync();
        await node.StartSupervisorAsync(Strategy.OneForOne, 3, TimeSpan.FromSeconds(5), Orders.ChildSpec());
    }
}
