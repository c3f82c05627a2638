// Negative: a field of the same client type that holds a neighbour, given at start.
using System.Threading.Tasks;
using Arbor;

namespace Corpus.SelfCall.N04;

[GenServer]
public partial class Relay
{
    private readonly RelayRef? _next;
    private int _seen;

    public Relay(RelayRef? next) => _next = next;

    [Call]
    public async ValueTask<int> Pass(int hops)
    {
        _seen++;
        return hops == 0 || _next is null ? _seen : await _next.Value.PassAsync(hops - 1);
    }
}

public static class App
{
    public static ChildSpec[] Children(RelayRef next) => new[] { Relay.ChildSpec(next) };
}
