// Positive: Values of the server's dictionary, replied as a read-only collection.
using System.Collections.Generic;
using Arbor;

namespace Corpus.StateReturn.P04;

public sealed record Account(string Id, decimal Balance);

[GenServer]
public partial class Accounts
{
    private readonly Dictionary<string, Account> _byId = new();

    [Cast] public void Open(string id) => _byId[id] = new Account(id, 0);
    [Call] public IReadOnlyCollection<Account> All() => _byId.Values; //~ ARB1003
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Accounts.ChildSpec() };
}
