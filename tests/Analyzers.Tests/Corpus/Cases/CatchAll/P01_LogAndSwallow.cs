// Positive: an order book that logs and swallows every failure of a call handler.
using System;
using System.Collections.Generic;
using Arbor;

namespace Corpus.CatchAll.P01;

public sealed record Order(string Id, decimal Amount);

[GenServer]
public partial class OrderBook
{
    private readonly Dictionary<string, Order> _orders = new();

    [Call]
    public bool Place(Order order)
    {
        try
        {
            _orders.Add(order.Id, order);
            return true;
        }
        catch (Exception e) //~ ARB1001
        {
            Console.Error.WriteLine($"place failed: {e.Message}");
            return false;
        }
    }

    [Call] public int Count() => _orders.Count;
    [Cast] public void Cancel(string id) => _orders.Remove(id);
}

public static class App
{
    public static ChildSpec[] Children() => new[] { OrderBook.ChildSpec(name: "orders") };
}
