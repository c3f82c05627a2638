using System.Threading;
using System.Threading.Tasks;
using Akka.Actor;

namespace Arbor.Comparison.Akka;

/// <summary>A cast with an argument, as the other runtimes' casts carry one.</summary>
public sealed record Bump(int Amount);

/// <summary>The request the call workloads make; answered with the running total.</summary>
public sealed class Total
{
    public static readonly Total Instance = new();
}

public sealed record Ping(IActorRef From);

public sealed class Pong
{
    public static readonly Pong Instance = new();
}

public sealed record Serve(IActorRef Partner, int Rounds, TaskCompletionSource Done);

/// <summary>Adds up casts and answers the total (UntypedActor: a type switch, the cheapest Akka.NET dispatch).</summary>
public sealed class Accumulator : UntypedActor
{
    private long _total;

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Bump bump:
                _total += bump.Amount;
                break;
            case Total:
                Sender.Tell(_total);
                break;
            default:
                Unhandled(message);
                break;
        }
    }
}

/// <summary>Answers every ping with a pong.</summary>
public sealed class Ponger : UntypedActor
{
    protected override void OnReceive(object message)
    {
        if (message is Ping ping)
        {
            ping.From.Tell(Pong.Instance);
        }
        else
        {
            Unhandled(message);
        }
    }
}

/// <summary>Sends a ping, waits for the pong, repeats; completes the rally's task at the end.</summary>
public sealed class Pinger : UntypedActor
{
    private IActorRef _partner = ActorRefs.Nobody;
    private int _remaining;
    private TaskCompletionSource? _done;

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Serve serve:
                (_partner, _remaining, _done) = (serve.Partner, serve.Rounds, serve.Done);
                _partner.Tell(new Ping(Self));
                break;
            case Pong when --_remaining == 0:
                _done!.SetResult();
                break;
            case Pong:
                _partner.Tell(new Ping(Self));
                break;
            default:
                Unhandled(message);
                break;
        }
    }
}

/// <summary>Counts inits down, so a spawn workload can wait until every started actor has run its PreStart.</summary>
public sealed class InitCountdown
{
    private int _remaining;
    private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Reset(int count)
    {
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _remaining, count);
        return _done.Task;
    }

    public void Signal()
    {
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _done.SetResult();
        }
    }
}

/// <summary>An actor with no state and one trivial handler: what an idle actor costs. Its PreStart is its init.</summary>
public sealed class Idle : UntypedActor
{
    private readonly InitCountdown _inits;

    public Idle(InitCountdown inits) => _inits = inits;

    protected override void PreStart() => _inits.Signal();

    protected override void OnReceive(object message)
    {
        if (message is Total)
        {
            Sender.Tell(true);
        }
        else
        {
            Unhandled(message);
        }
    }
}

/// <summary>Makes Idle actors without reflection or expression trees (the fastest way Akka.NET offers).</summary>
public sealed class IdleProducer : IIndirectActorProducer
{
    private readonly InitCountdown _inits;

    public IdleProducer(InitCountdown inits) => _inits = inits;

    public System.Type ActorType => typeof(Idle);

    public ActorBase Produce() => new Idle(_inits);

    public void Release(ActorBase actor)
    {
    }
}
