// Negative: calling a different server is the normal thing to do.
using System.Threading.Tasks;
using Arbor;

namespace Corpus.SelfCall.N05;

[GenServer]
public partial class Rates
{
    [Call] public decimal Rate(string currency) => currency == "EUR" ? 1.1m : 1m;
}

[GenServer]
public partial class Converter
{
    private int _conversions;

    [Call]
    public async ValueTask<decimal> Convert(decimal amount, string currency)
    {
        _conversions++;
        var rates = Node.Whereis<RatesRef>("rates");
        return amount * await rates.RateAsync(currency);
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Rates.ChildSpec(name: "rates"), Converter.ChildSpec(name: "converter") };
}
