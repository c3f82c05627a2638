// Negative: a class with init-only properties and private setters is immutable from outside.
using Arbor;

namespace Corpus.Messages.N03;

public sealed class Quote
{
    public Quote(string symbol) => Symbol = symbol;
    public string Symbol { get; }
    public decimal Bid { get; init; }
    public decimal Ask { get; private set; }
}

[GenServer]
public partial class Ticker
{
    private Quote? _last;

    [Info] public void On(Quote quote) => _last = quote;
    [Call] public decimal Spread() => _last is null ? 0 : _last.Ask - _last.Bid;
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Ticker.ChildSpec() };
}
