using System.Threading;
using System.Threading.Tasks;
using Proto;

namespace Arbor.Comparison.ProtoActor;

/// <summary>A cast with an argument, as the other runtimes' casts carry one.</summary>
public sealed record Bump(int Amount);

/// <summary>The request the call workloads make; answered with the running total.</summary>
public sealed class Total
{
    public static readonly Total Instance = new();
}

public sealed record Ping(PID From);

public sealed class Pong
{
    public static readonly Pong Instance = new();
}

public sealed record Serve(PID Partner, int Rounds, TaskCompletionSource Done);

/// <summary>Adds up casts and answers the total.</summary>
public sealed class Accumulator : IActor
{
    private long _total;

    public Task ReceiveAsync(IContext context)
    {
        switch (context.Message)
        {
            case Bump bump:
                _total += bump.Amount;
                break;
            case Total:
                context.Respond(_total);
                break;
        }

        return Task.CompletedTask;
    }
}

/// <summary>Answers every ping with a pong.</summary>
public sealed class Ponger : IActor
{
    public Task ReceiveAsync(IContext context)
    {
        if (context.Message is Ping ping)
        {
            context.Send(ping.From, Pong.Instance);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Sends a ping, waits for the pong, repeats; completes the rally's task at the end.</summary>
public sealed class Pinger : IActor
{
    private PID? _partner;
    private int _remaining;
    private TaskCompletionSource? _done;

    public Task ReceiveAsync(IContext context)
    {
        switch (context.Message)
        {
            case Serve serve:
                (_partner, _remaining, _done) = (serve.Partner, serve.Rounds, serve.Done);
                context.Send(_partner, new Ping(context.Self));
                break;
            case Pong when --_remaining == 0:
                _done!.SetResult();
                break;
            case Pong:
                context.Send(_partner!, new Ping(context.Self));
                break;
        }

        return Task.CompletedTask;
    }
}

/// <summary>Counts inits down, so a spawn workload can wait until every started actor has handled Started.</summary>
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

/// <summary>An actor with no state and one trivial handler: what an idle actor costs. Handling Started is its init.</summary>
public sealed class Idle : IActor
{
    private readonly InitCountdown _inits;

    public Idle(InitCountdown inits) => _inits = inits;

    public Task ReceiveAsync(IContext context)
    {
        switch (context.Message)
        {
            case Started:
                _inits.Signal();
                break;
            case Total:
                context.Respond(true);
                break;
        }

        return Task.CompletedTask;
    }
}
