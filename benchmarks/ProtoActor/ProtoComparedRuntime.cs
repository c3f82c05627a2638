using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Proto;

namespace Arbor.Comparison.ProtoActor;

/// <summary>Proto.Actor's side of the comparison, default configuration: Send for casts, RequestAsync for calls, Spawn for spawns.</summary>
public sealed class ProtoComparedRuntime : IComparedRuntime
{
    private readonly InitCountdown _inits = new();
    private ActorSystem? _system;
    private PID? _accumulator;
    private PID? _pinger;
    private PID? _ponger;
    private PID[] _servers = [];
    private Props? _idle;

    private IRootContext Root => _system!.Root;

    public Task StartAsync()
    {
        _system = new ActorSystem();
        _accumulator = Root.Spawn(Props.FromProducer(() => new Accumulator()));
        _pinger = Root.Spawn(Props.FromProducer(() => new Pinger()));
        _ponger = Root.Spawn(Props.FromProducer(() => new Ponger()));
        var inits = _inits;
        _idle = Props.FromProducer(() => new Idle(inits));
        return Task.CompletedTask;
    }

    public async Task CastAsync(int casts)
    {
        var root = Root;
        for (var i = 0; i < casts; i++)
        {
            root.Send(_accumulator!, new Bump(1));
        }

        await root.RequestAsync<long>(_accumulator!, Total.Instance, CancellationToken.None);
    }

    public Task CallAsync(int calls) => CallLoopAsync(Root, _accumulator!, calls);

    public Task PingPongAsync(int rounds)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Root.Send(_pinger!, new Serve(_ponger!, rounds, done));
        return done.Task;
    }

    public async Task FanInAsync(int producers, int casts)
    {
        var perProducer = casts / producers;
        var root = Root;
        var threads = new Thread[producers];
        for (var p = 0; p < producers; p++)
        {
            threads[p] = new Thread(() =>
            {
                for (var i = 0; i < perProducer; i++)
                {
                    root.Send(_accumulator!, new Bump(1));
                }
            });
            threads[p].Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        await root.RequestAsync<long>(_accumulator!, Total.Instance, CancellationToken.None);
    }

    /// <summary>No gen_statem or gen_event counterparts here: those rows compare Arbor with Erlang/OTP only.</summary>
    public Task<IReadOnlyList<ExtraWorkload>> PrepareExtraWorkloadsAsync(double scale) => Task.FromResult<IReadOnlyList<ExtraWorkload>>([]);

    public Task PrepareManyCallersAsync(int servers)
    {
        _servers = new PID[servers];
        for (var i = 0; i < servers; i++)
        {
            _servers[i] = Root.Spawn(Props.FromProducer(() => new Accumulator()));
        }

        return Task.CompletedTask;
    }

    public Task ManyCallersAsync(int callers, int servers, int callsPerCaller)
    {
        var root = Root;
        var loops = new Task[callers];
        for (var c = 0; c < callers; c++)
        {
            var server = _servers[c % servers];
            loops[c] = Task.Run(() => CallLoopAsync(root, server, callsPerCaller));
        }

        return Task.WhenAll(loops);
    }

    public async Task<object> SpawnSequentialAsync(int count)
    {
        var actors = new PID[count];
        for (var i = 0; i < count; i++)
        {
            var started = _inits.Reset(1);
            actors[i] = Root.Spawn(_idle!);
            await started;
        }

        return actors;
    }

    public async Task<object> SpawnPipelinedAsync(int count)
    {
        var started = _inits.Reset(count);
        var actors = new PID[count];
        for (var i = 0; i < count; i++)
        {
            actors[i] = Root.Spawn(_idle!);
        }

        await started;
        return actors;
    }

    public Task StopSpawnedAsync(object spawned)
    {
        foreach (var actor in (PID[])spawned)
        {
            Root.Stop(actor);
        }

        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_system is not null)
        {
            await _system.ShutdownAsync();
        }
    }

    private static async Task CallLoopAsync(IRootContext root, PID server, int calls)
    {
        for (var i = 0; i < calls; i++)
        {
            await root.RequestAsync<long>(server, Total.Instance, CancellationToken.None);
        }
    }
}
