// Negative: the filter logs, then returns whether the error is one it knows; false lets the rest crash the process.
using System;
using System.Collections.Generic;
using Arbor;

namespace Corpus.CatchAll.N11;

public sealed class QuotaExceededException(string message) : Exception(message);

[GenServer]
public partial class Quotas
{
    private readonly Dictionary<string, int> _usage = new();
    private int _rejected;

    [Call]
    public bool Use(string tenant, int amount)
    {
        try
        {
            Charge(tenant, amount);
            return true;
        }
        catch (Exception e) when (LogAndMatch(e))
        {
            _rejected++;
            return false;
        }
    }

    [Call] public int Rejected() => _rejected;

    private void Charge(string tenant, int amount)
    {
        var next = _usage.GetValueOrDefault(tenant) + amount;
        if (next > 1000) throw new QuotaExceededException(tenant);
        _usage[tenant] = next;
    }

    private static bool LogAndMatch(Exception e)
    {
        Console.Error.WriteLine(e.Message);
        if (e is QuotaExceededException)
        {
            return true;
        }

        return false;
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Quotas.ChildSpec() };
}
