using System.Collections.Generic;
using System.Threading.Tasks;
using Arbor.Benchmarks.Runtime;
using Arbor.Benchmarks.Servers;
using Arbor.Comparison;

namespace Arbor.Benchmarks.Comparison;

/// <summary>Arbor's side of the comparison: [GenServer] classes driven through their generated clients.</summary>
public sealed class ArborComparedRuntime : IComparedRuntime
{
    private ArborNode? _node;
    private AccumulatorRef _accumulator;
    private PingerRef _pinger;
    private PongerRef _ponger;
    private AccumulatorRef[] _servers = [];

    private ArborNode Node => _node!;

    public async Task StartAsync()
    {
        _node = await ArborNode.StartAsync();
        _accumulator = await Accumulator.StartAsync(Node);
        _pinger = await Pinger.StartAsync(Node);
        _ponger = await Ponger.StartAsync(Node);
    }

    public Task CastAsync(int casts) => Workloads.CastAsync(_accumulator, casts);

    public Task CallAsync(int calls) => Workloads.CallAsync(_accumulator, calls);

    public Task PingPongAsync(int rounds) => Workloads.PingPongAsync(_pinger, _ponger, rounds);

    public Task FanInAsync(int producers, int casts) => Workloads.FanInAsync(_accumulator, producers, casts);

    /// <summary>The gen_statem and gen_event workloads (the same as the quick run's), compared with Erlang/OTP only.</summary>
    public async Task<IReadOnlyList<ExtraWorkload>> PrepareExtraWorkloadsAsync(double scale)
    {
        var machine = await Switch.StartAsync(Node);
        var manager = await BehaviourWorkloads.StartManagerAsync(Node, handlers: 10);
        var events = (int)(2_000_000 * scale);
        var calls = (int)(1_000_000 * scale);
        var notifications = (int)(1_000_000 * scale);
        return
        [
            new("statem-cast", events, () => BehaviourWorkloads.StateMachineCastAsync(machine, events), "msgs/s"),
            new("statem-call", calls, () => BehaviourWorkloads.StateMachineCallAsync(machine, calls), "calls/s"),
            new("notify-10", notifications, () => BehaviourWorkloads.NotifyAsync(manager, notifications), "events/s"),
        ];
    }

    public async Task PrepareManyCallersAsync(int servers)
    {
        _servers = new AccumulatorRef[servers];
        for (var i = 0; i < servers; i++)
        {
            _servers[i] = await Accumulator.StartAsync(Node);
        }
    }

    public Task ManyCallersAsync(int callers, int servers, int callsPerCaller)
    {
        var loops = new Task[callers];
        for (var c = 0; c < callers; c++)
        {
            var server = _servers[c % servers];
            loops[c] = Task.Run(() => Workloads.CallAsync(server, callsPerCaller));
        }

        return Task.WhenAll(loops);
    }

    public async Task<object> SpawnSequentialAsync(int count)
    {
        var clients = new IdleRef[count];
        for (var i = 0; i < count; i++)
        {
            clients[i] = await Idle.StartAsync(Node);
        }

        return clients;
    }

    public async Task<object> SpawnPipelinedAsync(int count) => await Workloads.SpawnAsync(Node, count);

    public Task StopSpawnedAsync(object spawned)
    {
        foreach (var client in (IdleRef[])spawned)
        {
            Node.Exit(client.Pid, ExitReason.Kill);
        }

        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}
