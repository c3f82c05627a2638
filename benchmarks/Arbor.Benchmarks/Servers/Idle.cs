namespace Arbor.Benchmarks.Servers;

/// <summary>A GenServer with no state and no handlers: what an idle process costs.</summary>
public sealed class Idle : GenServer
{
}
