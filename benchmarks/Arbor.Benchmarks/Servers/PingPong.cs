using System.Threading.Tasks;
using Arbor.Protocol;

namespace Arbor.Benchmarks.Servers;

public sealed class Ping : CastMessage
{
    public Ping(Pid from) => From = from;

    public Pid From { get; }
}

public sealed class Pong : CastMessage
{
}

/// <summary>Starts a rally of <see cref="Rounds"/> round trips and completes <see cref="Done"/> at the end.</summary>
public sealed class Serve : CastMessage
{
    public Serve(Pid partner, int rounds, TaskCompletionSource done)
    {
        Partner = partner;
        Rounds = rounds;
        Done = done;
    }

    public Pid Partner { get; }

    public int Rounds { get; }

    public TaskCompletionSource Done { get; }
}

/// <summary>Answers every ping with a pong.</summary>
public sealed class Ponger : GenServer
{
    protected override ValueTask HandleCastAsync(CastMessage cast)
    {
        if (cast is Ping ping)
        {
            Cast(ping.From, new Pong());
            return default;
        }

        return base.HandleCastAsync(cast);
    }
}

/// <summary>Sends a ping, waits for the pong, repeats.</summary>
public sealed class Pinger : GenServer
{
    private Pid _partner;
    private int _remaining;
    private TaskCompletionSource? _done;

    protected override ValueTask HandleCastAsync(CastMessage cast)
    {
        switch (cast)
        {
            case Serve serve:
                _partner = serve.Partner;
                _remaining = serve.Rounds;
                _done = serve.Done;
                Cast(_partner, new Ping(Self));
                return default;
            case Pong:
                if (--_remaining == 0)
                {
                    _done!.SetResult();
                }
                else
                {
                    Cast(_partner, new Ping(Self));
                }

                return default;
            default:
                return base.HandleCastAsync(cast);
        }
    }
}
