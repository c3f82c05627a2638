using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Support;

namespace Arbor.Runtime.Tests.Processes;

/// <summary>Per-thread scheduling state of threads that have exited does not pile up in a long-running service.</summary>
public sealed class WorkerThreadRegistryTests
{
    [Fact]
    public async Task A_thread_that_made_calls_and_exited_is_dropped_once_its_calls_are_settled()
    {
        await using var node = await ArborNode.StartAsync();
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Call = (s, ask) =>
            {
                s.Answer(ask, ask.Payload);
                return default;
            },
        });

        WorkerThread? state = null;
        var registeredWhileAlive = false;
        var caller = new Thread(() =>
        {
#pragma warning disable xUnit1031 // a dedicated thread that calls and then exits: blocking is the point
            Scripted.AskAsync(server, "hello").Wait(Patience.Limit);
#pragma warning restore xUnit1031
            state = Worker.This;
            // Checked while the thread lives: once it has exited, the timer thread's own periodic scan may drop it at
            // any moment, so checking after Join would race that scan.
            registeredWhileAlive = WorkerThreadRegistry.All.Contains(state);
        });
        caller.Start();
        caller.Join();

        Assert.NotNull(state);
        Assert.True(registeredWhileAlive);
        Assert.NotNull(state.CallTimeouts);

        // The answered call still sits in the thread's timeout ring until a scan clears it; then the thread can go (this
        // scan or the timer thread's, whichever comes first: either way it must be gone after this one).
        Arbor.Timers.CallTimeoutRing.ScanAll(Arbor.Timers.TimerClock.NowMs);
        WorkerThreadRegistry.DropExited();

        Assert.DoesNotContain(state, WorkerThreadRegistry.All);
    }

    [Fact]
    public async Task A_live_thread_is_kept()
    {
        await using var node = await ArborNode.StartAsync();
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Call = (s, ask) =>
            {
                s.Answer(ask, null);
                return default;
            },
        });

        await Scripted.AskAsync(server).Within();
        var state = Worker.This;
        WorkerThreadRegistry.DropExited();

        Assert.Contains(state, WorkerThreadRegistry.All);
    }
}
