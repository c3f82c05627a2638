// Positive: a continue handler (post-init warm-up) that swallows everything.
using System;
using System.Collections.Generic;
using Arbor;

namespace Corpus.CatchAll.P10;

public sealed record Warmup(int Size);

[GenServer]
public partial class PriceCache
{
    private readonly Dictionary<string, decimal> _prices = new();

    public PriceCache(int size) => Continue(new Warmup(size));

    [Continue]
    public void After(Warmup warmup)
    {
        try
        {
            for (var i = 0; i < warmup.Size; i++)
            {
                _prices[$"sku{i}"] = decimal.Parse("1" + i);
            }
        }
        catch (System.Exception) //~ ARB1001
        {
        }
    }

    [Call] public decimal Price(string sku) => _prices[sku];
}

public static class App
{
    public static ChildSpec[] Children() => new[] { PriceCache.ChildSpec(100) };
}
