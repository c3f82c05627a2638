// Negative: catch-all that logs and rethrows; the process still crashes.
using System;
using System.Collections.Generic;
using Arbor;

namespace Corpus.CatchAll.N02;

[GenServer]
public partial class Ledger
{
    private readonly List<decimal> _entries = new();

    [Cast]
    public void Post(decimal amount)
    {
        try
        {
            if (amount == 0) throw new ArgumentException("zero entry");
            _entries.Add(amount);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"ledger: {e.Message}");
            throw;
        }
    }

    [Call] public decimal Total() { var sum = 0m; foreach (var e in _entries) sum += e; return sum; }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Ledger.ChildSpec() };
}
