using System.Threading;
using System.Threading.Tasks;
using Arbor.Benchmarks.Servers;
using Arbor.EventManagers;

namespace Arbor.Benchmarks.Runtime;

/// <summary>The state machine and event manager workloads, the same in the quick runs and the side-by-side comparison.</summary>
public static class BehaviourWorkloads
{
    /// <summary><paramref name="casts"/> casts that each change the machine's state; returns when all are handled.</summary>
    public static async Task StateMachineCastAsync(SwitchRef machine, int casts)
    {
        for (var i = 0; i < casts; i++)
        {
            machine.Flip(1);
        }

        await machine.FlipsAsync(Timeout.InfiniteTimeSpan);
    }

    /// <summary><paramref name="calls"/> sequential calls to a state machine.</summary>
    public static async Task StateMachineCallAsync(SwitchRef machine, int calls)
    {
        for (var i = 0; i < calls; i++)
        {
            await machine.FlipsAsync();
        }
    }

    /// <summary><paramref name="events"/> notifications to a manager (every handler gets each); returns when all are handled.</summary>
    public static async Task NotifyAsync(EventManagerRef<int> manager, int events)
    {
        for (var i = 0; i < events; i++)
        {
            manager.Notify(1);
        }

        await manager.SyncNotifyAsync(0, Timeout.InfiniteTimeSpan);
    }

    /// <summary>An event manager with <paramref name="handlers"/> counting handlers.</summary>
    public static async Task<EventManagerRef<int>> StartManagerAsync(ArborNode node, int handlers)
    {
        var manager = await EventManager.StartAsync<int>(node);
        for (var i = 0; i < handlers; i++)
        {
            await manager.AddHandlerAsync(static () => new CountingHandler());
        }

        return manager;
    }
}
