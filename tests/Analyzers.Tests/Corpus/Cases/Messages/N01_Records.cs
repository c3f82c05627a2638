// Negative: positional records and primitives as messages.
using System;
using Arbor;

namespace Corpus.Messages.N01;

public sealed record Deposit(string Account, decimal Amount, DateTime At);
public readonly record struct Withdraw(string Account, decimal Amount);

[GenServer]
public partial class Bank
{
    private decimal _total;

    [Cast] public void Apply(Deposit deposit) => _total += deposit.Amount;
    [Call] public bool Take(Withdraw withdraw) { if (withdraw.Amount > _total) return false; _total -= withdraw.Amount; return true; }
    [Call] public decimal Total() => _total;
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Bank.ChildSpec() };
}
