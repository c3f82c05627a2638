// Negative: a bank with accounts under a dynamic supervisor; snapshots, specific catches, awaited calls.
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Arbor;

namespace Corpus.Mixed.N01;

public sealed record Transfer(string From, string To, decimal Amount);

[GenServer]
public partial class Account
{
    private readonly string _id;
    private decimal _balance;
    private readonly List<decimal> _history = new();

    public Account(string owner) => _id = owner;

    [Call]
    public bool Withdraw(decimal amount)
    {
        if (amount > _balance) return false;
        _balance -= amount;
        _history.Add(-amount);
        return true;
    }

    [Cast] public void Deposit(decimal amount) { _balance += amount; _history.Add(amount); }
    [Call] public ImmutableArray<decimal> History() => _history.ToImmutableArray();
    [Call] public decimal Balance() => _balance;
}

[GenServer]
public partial class Teller
{
    private int _transfers;

    [Call]
    public async ValueTask<bool> Move(Transfer transfer)
    {
        var from = Node.Whereis<AccountRef>(transfer.From);
        var to = Node.Whereis<AccountRef>(transfer.To);
        if (!await from.WithdrawAsync(transfer.Amount)) return false;
        to.Deposit(transfer.Amount);
        _transfers++;
        return true;
    }
}

public static class Program
{
    public static async Task Main()
    {
        await using var node = await ArborNode.StartAsync();
        await node.StartSupervisorAsync(Strategy.OneForOne, 3, TimeSpan.FromSeconds(5),
            Account.ChildSpec("alice", id: "alice", name: "alice"),
            Account.ChildSpec("bob", id: "bob", name: "bob"),
            Teller.ChildSpec(name: "teller"));
    }
}
