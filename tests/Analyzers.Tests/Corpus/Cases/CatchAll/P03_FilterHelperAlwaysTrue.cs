// Positive: the filter calls a helper that logs and always returns true, so the catch takes everything.
using System;
using Arbor;

namespace Corpus.CatchAll.P03;

[GenServer]
public partial class Payments
{
    private decimal _balance;

    [Call]
    public decimal Charge(decimal amount)
    {
        try
        {
            if (amount > _balance) throw new InvalidOperationException("insufficient funds");
            _balance -= amount;
        }
        catch (Exception e) when (LogFailure(e)) //~ ARB1001
        {
        }

        return _balance;
    }

    [Cast] public void Deposit(decimal amount) => _balance += amount;

    private static bool LogFailure(Exception e)
    {
        Console.Error.WriteLine(e);
        return true;
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Payments.ChildSpec() };
}
