using System.Threading.Tasks;

namespace Arbor.Benchmarks.Servers;

/// <summary>
/// An asynchronous call handler that calls another server and awaits it in-context before it answers: the path of an
/// asynchronous handler that suspends and resumes (the handler's rest, its completion, the process's resumption).
/// </summary>
[GenServer]
public sealed partial class Relay
{
    private readonly AccumulatorRef _next;

    public Relay(AccumulatorRef next) => _next = next;

    [Call]
    public async ValueTask<long> Forward() => await _next.TotalAsync() + 1;
}
