// Positive: the self client is put in a local first, then called.
using System.Threading.Tasks;
using Arbor;

namespace Corpus.SelfCall.P02;

[GenServer]
public partial class Wallet
{
    private decimal _balance;

    [Call] public decimal Balance() => _balance;

    [Cast]
    public async ValueTask Audit()
    {
        var me = SelfRef;
        var seen = await me.BalanceAsync(); //~ ARB1010
        if (seen < 0) Stop();
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Wallet.ChildSpec() };
}
