// Negative: a static readonly record with init-only properties is immutable.
using Arbor;

namespace Corpus.StaticState.N05;

public sealed record Limits(int MaxItems, int MaxBytes);

[GenServer]
public partial class Buffer
{
    private static readonly Limits Default = new(100, 4096);
    private int _items;

    [Call] public bool Push() => _items < Default.MaxItems && ++_items > 0;
    [Cast] public void Clear() => _items = 0;
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Buffer.ChildSpec() };
}
