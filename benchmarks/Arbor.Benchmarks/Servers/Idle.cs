namespace Arbor.Benchmarks.Servers;

/// <summary>A GenServer with no state and one trivial handler: what an idle process costs.</summary>
[GenServer]
public sealed partial class Idle
{
    [Call]
    public bool Alive() => true;
}
