using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Akka.Actor;

namespace Arbor.Comparison.Akka;

/// <summary>Akka.NET's side of the comparison, default configuration: Tell for casts, Ask for calls, ActorOf for spawns.</summary>
public sealed class AkkaComparedRuntime : IComparedRuntime
{
    private readonly InitCountdown _inits = new();
    private ActorSystem? _system;
    private IActorRef _accumulator = ActorRefs.Nobody;
    private IActorRef _pinger = ActorRefs.Nobody;
    private IActorRef _ponger = ActorRefs.Nobody;
    private IActorRef[] _servers = [];
    private Props? _idle;

    private ActorSystem System => _system!;

    public Task StartAsync()
    {
        // Default configuration; only logging is turned down, so its lines do not mix with the results.
        _system = ActorSystem.Create("comparison", "akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING");
        _accumulator = System.ActorOf(Props.Create<Accumulator>());
        _pinger = System.ActorOf(Props.Create<Pinger>());
        _ponger = System.ActorOf(Props.Create<Ponger>());
        _idle = Props.CreateBy(new IdleProducer(_inits));
        return Task.CompletedTask;
    }

    public async Task CastAsync(int casts)
    {
        for (var i = 0; i < casts; i++)
        {
            _accumulator.Tell(new Bump(1));
        }

        await _accumulator.Ask<long>(Total.Instance, Timeout.InfiniteTimeSpan);
    }

    public Task CallAsync(int calls) => CallLoopAsync(_accumulator, calls);

    public Task PingPongAsync(int rounds)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pinger.Tell(new Serve(_ponger, rounds, done));
        return done.Task;
    }

    public async Task FanInAsync(int producers, int casts)
    {
        var perProducer = casts / producers;
        var threads = new Thread[producers];
        for (var p = 0; p < producers; p++)
        {
            threads[p] = new Thread(() =>
            {
                for (var i = 0; i < perProducer; i++)
                {
                    _accumulator.Tell(new Bump(1));
                }
            });
            threads[p].Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        await _accumulator.Ask<long>(Total.Instance, Timeout.InfiniteTimeSpan);
    }

    /// <summary>No gen_statem or gen_event counterparts here: those rows compare Arbor with Erlang/OTP only.</summary>
    public Task<IReadOnlyList<ExtraWorkload>> PrepareExtraWorkloadsAsync(double scale) => Task.FromResult<IReadOnlyList<ExtraWorkload>>([]);

    public Task PrepareManyCallersAsync(int servers)
    {
        _servers = new IActorRef[servers];
        for (var i = 0; i < servers; i++)
        {
            _servers[i] = System.ActorOf(Props.Create<Accumulator>());
        }

        return Task.CompletedTask;
    }

    public Task ManyCallersAsync(int callers, int servers, int callsPerCaller)
    {
        var loops = new Task[callers];
        for (var c = 0; c < callers; c++)
        {
            var server = _servers[c % servers];
            loops[c] = Task.Run(() => CallLoopAsync(server, callsPerCaller));
        }

        return Task.WhenAll(loops);
    }

    public async Task<object> SpawnSequentialAsync(int count)
    {
        var actors = new IActorRef[count];
        for (var i = 0; i < count; i++)
        {
            var started = _inits.Reset(1);
            actors[i] = System.ActorOf(_idle!);
            await started;
        }

        return actors;
    }

    public async Task<object> SpawnPipelinedAsync(int count)
    {
        var started = _inits.Reset(count);
        var actors = new IActorRef[count];
        for (var i = 0; i < count; i++)
        {
            actors[i] = System.ActorOf(_idle!);
        }

        await started;
        return actors;
    }

    public Task StopSpawnedAsync(object spawned)
    {
        foreach (var actor in (IActorRef[])spawned)
        {
            System.Stop(actor);
        }

        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_system is not null)
        {
            await _system.Terminate();
        }
    }

    private static async Task CallLoopAsync(IActorRef server, int calls)
    {
        for (var i = 0; i < calls; i++)
        {
            await server.Ask<long>(Total.Instance);
        }
    }
}
