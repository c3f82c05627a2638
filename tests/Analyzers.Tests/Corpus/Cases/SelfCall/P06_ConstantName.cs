// Positive: the registered name is a constant used both in the child spec and in the lookup.
using System.Threading.Tasks;
using Arbor;

namespace Corpus.SelfCall.P06;

[GenServer]
public partial class Ledger
{
    public const string Name = "ledger";
    private decimal _total;

    [Call] public decimal Total() => _total;

    [Cast]
    public async ValueTask Post(decimal amount)
    {
        var ledger = Node.Whereis<LedgerRef>(Name);
        var before = await ledger.TotalAsync(); //~ ARB1010
        _total = before + amount;
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Ledger.ChildSpec(name: Ledger.Name) };
}
