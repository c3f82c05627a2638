// Negative: constants, static readonly immutable values and a static method: nothing shared can change.
using System;
using System.Collections.Immutable;
using Arbor;

namespace Corpus.StaticState.N01;

[GenServer]
public partial class RateCard
{
    private const decimal BaseRate = 1.5m;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private static readonly ImmutableDictionary<string, decimal> Multipliers =
        ImmutableDictionary<string, decimal>.Empty.Add("gold", 0.8m).Add("silver", 0.9m);

    private decimal _spent;

    [Call] public decimal Quote(string tier, int units) => units * BaseRate * Multipliers.GetValueOrDefault(tier, 1m);
    [Cast] public void Spend(decimal amount) => _spent += amount;
    [Call] public TimeSpan WindowLength() => Window;

    public static decimal Round(decimal value) => Math.Round(value, 2);
}

public static class App
{
    public static ChildSpec[] Children() => new[] { RateCard.ChildSpec() };
}
