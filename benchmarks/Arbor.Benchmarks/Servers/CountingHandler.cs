using Arbor.EventManagers;

namespace Arbor.Benchmarks.Servers;

/// <summary>An event handler that counts what it is told; ten of them make the gen_event side-by-side workload.</summary>
public sealed class CountingHandler : IEventHandler<int>
{
    private long _total;

    public void HandleEvent(int @event) => _total += @event;

    public object? HandleCall(object request) => _total;
}
