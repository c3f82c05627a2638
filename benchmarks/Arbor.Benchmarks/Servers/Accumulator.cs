namespace Arbor.Benchmarks.Servers;

/// <summary>Adds up casts (each carrying an argument, as real casts do) and answers the total.</summary>
[GenServer]
public sealed partial class Accumulator
{
    private long _total;

    [Cast]
    public void Bump(int amount) => _total += amount;

    [Call]
    public long Total() => _total;
}
