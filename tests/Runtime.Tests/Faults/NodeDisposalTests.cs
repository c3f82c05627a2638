using System;
using System.Threading;
using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Support;

namespace Arbor.Runtime.Tests.Faults;

/// <summary>
/// Disposing a node stops everything it runs and completes every outstanding call. Before the fix
/// <see cref="ArborNode.DisposeAsync"/> returned at once, stopped no process, and calls with a finite timeout to its
/// processes never completed (the node's timer thread, which enforced them, was gone).
/// </summary>
[Collection(StuckHandlers.Collection)]
public sealed class NodeDisposalTests
{
    [Fact]
    public async Task Dispose_stops_every_process_through_terminate_and_fails_outstanding_calls()
    {
        var node = await ArborNode.StartAsync();
        var terminated = new TaskCompletionSource<ExitReason>(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Call = (_, _) => default, // never answers
            Terminate = (_, reason) =>
            {
                terminated.TrySetResult(reason);
                return default;
            },
        }, new StartOptions { Name = "server" });
        var infinite = Scripted.AskAsync(server, "infinite", Timeout.InfiniteTimeSpan);
        var finite = Scripted.AskAsync(server, "finite", TimeSpan.FromMinutes(10));

        await node.DisposeAsync();

        Assert.Equal(0, node.ProcessCount);
        Assert.False(server.IsAlive);
        Assert.True(node.Whereis("server").IsNone);
        Assert.Same(ExitReason.Shutdown, await terminated.Task.Within());
        Assert.Same(ExitReason.Shutdown, (await Assert.ThrowsAsync<ProcessExitedException>(() => infinite.Within())).Reason);
        Assert.Same(ExitReason.Shutdown, (await Assert.ThrowsAsync<ProcessExitedException>(() => finite.Within())).Reason);
        await Assert.ThrowsAsync<NoProcessException>(() => Scripted.AskAsync(server));
        Assert.Throws<ObjectDisposedException>(() => node.SendAfter(server, TimeSpan.FromSeconds(1), "late"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => Scripted.StartAsync(node, new Script()).AsTask());
    }

    [Fact]
    public async Task Dispose_stops_a_supervision_tree_in_reverse_start_order()
    {
        var node = await ArborNode.StartAsync();
        var stopped = new System.Collections.Concurrent.ConcurrentQueue<string>();
        ChildSpec Child(string id) => new(id, context => GenServer.StartAsync(
            context.Node,
            () => new Scripted(new Script
            {
                Constructor = s => s.TrapExit = true,
                Terminate = (_, _) =>
                {
                    stopped.Enqueue(id);
                    return default;
                },
            }),
            new StartOptions { Link = true }));
        var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, maxRestarts: 3, within: TimeSpan.FromSeconds(5), Child("a"), Child("b"), Child("c"));

        await node.DisposeAsync();

        Assert.Equal(new[] { "c", "b", "a" }, stopped.ToArray());
        Assert.False(supervisor.Pid.IsAlive);
        Assert.Equal(0, node.ProcessCount);
    }

    [Fact]
    public async Task Dispose_kills_a_process_stuck_in_its_handler_after_the_grace_period()
    {
        var node = await ArborNode.StartAsync(new ArborNodeOptions { ShutdownTimeout = TimeSpan.FromMilliseconds(50) });
        using var gate = new ManualResetEventSlim();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var outliving = new OutlivingHandlersGauge();
        var handlerThread = 0;
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Call = (_, _) =>
            {
                handlerThread = Environment.CurrentManagedThreadId;
                entered.TrySetResult();
                gate.Wait();
                return default;
            },
        });
        try
        {
            var stuck = Scripted.AskAsync(server, "stuck", Timeout.InfiniteTimeSpan);
            await entered.Task.Within();

            await node.DisposeAsync().AsTask().Within();

            Assert.Equal(0, node.ProcessCount);
            Assert.Same(ExitReason.Killed, await node.WhenExited(server).Within());
            Assert.Same(ExitReason.Killed, (await Assert.ThrowsAsync<ProcessExitedException>(() => stuck.Within())).Reason);
        }
        finally
        {
            gate.Set();
        }

        await outliving.WhenSeen(handlerThread, -1).Within();
    }

    [Fact]
    public async Task Call_timeouts_do_not_depend_on_the_node_timer_thread()
    {
        await using var node = await ArborNode.StartAsync();
        var server = await Scripted.StartOkAsync(node, new Script { Call = (_, _) => default });
        node.Timers.Dispose(); // what a disposed node used to leave behind: no timer thread of its own

        await Assert.ThrowsAsync<CallTimeoutException>(() => Scripted.AskAsync(server, "never answered", TimeSpan.FromMilliseconds(30)).Within());
    }

    [Fact]
    public async Task Disposing_twice_waits_for_the_first_disposal()
    {
        var node = await ArborNode.StartAsync();
        await Scripted.StartOkAsync(node, new Script());

        var first = node.DisposeAsync().AsTask();
        var second = node.DisposeAsync().AsTask();
        await Task.WhenAll(first, second).Within();

        Assert.Equal(0, node.ProcessCount);
    }
}
