// Negative: messages carrying immutable collections and read-only interfaces.
using System.Collections.Generic;
using System.Collections.Immutable;
using Arbor;

namespace Corpus.Messages.N02;

public sealed record Invoice(string Id, ImmutableArray<decimal> Lines);

[GenServer]
public partial class Billing
{
    private decimal _billed;

    [Cast] public void Bill(Invoice invoice) { foreach (var line in invoice.Lines) _billed += line; }
    [Call] public decimal Sum(IReadOnlyList<decimal> amounts) { var s = 0m; foreach (var a in amounts) s += a; return s; }
    [Call] public ImmutableList<string> Ids(ImmutableHashSet<string> filter) => filter.ToImmutableList();
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Billing.ChildSpec() };
}
