using System.Threading.Tasks;

namespace Arbor.Benchmarks.Servers;

/// <summary>Answers every ping with a pong.</summary>
[GenServer]
public sealed partial class Ponger
{
    [Cast]
    public void Ping(PingerRef from) => from.Pong();
}

/// <summary>Sends a ping, waits for the pong, repeats; completes the rally's task at the end.</summary>
[GenServer]
public sealed partial class Pinger
{
    private PongerRef _partner;
    private int _remaining;
    private TaskCompletionSource? _done;

    [Cast]
    public void Serve(PongerRef partner, int rounds, TaskCompletionSource done)
    {
        _partner = partner;
        _remaining = rounds;
        _done = done;
        _partner.Ping(SelfRef);
    }

    [Cast]
    public void Pong()
    {
        if (--_remaining == 0)
        {
            _done!.SetResult();
        }
        else
        {
            _partner.Ping(SelfRef);
        }
    }
}
