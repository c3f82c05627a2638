using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using Arbor;
using Arbor.EventManagers;
using Arbor.Runtime.Tests.Diagnostics;
using Arbor.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Arbor.Runtime.Tests.EventManagers;

public sealed class EventManagerTests
{
    [Fact]
    public async Task Notify_reaches_every_handler_in_the_order_added_and_each_keeps_its_own_state()
    {
        await using var node = await ArborNode.StartAsync();
        var manager = await EventManager.StartAsync<string>(node);
        var seen = new ConcurrentQueue<string>();
        var first = await manager.AddHandlerAsync(() => new Recorder("first", seen));
        var second = await manager.AddHandlerAsync(() => new Recorder("second", seen));

        manager.Notify("a");
        await manager.SyncNotifyAsync("b");

        Assert.Equal(new[] { "first a", "second a", "first b", "second b" }, seen);
        Assert.Equal(2, await manager.CallAsync<int>(first, "count"));
        Assert.Equal(new[] { first, second }, await manager.WhichHandlersAsync());
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task A_handler_that_throws_is_removed_and_its_owner_told_while_the_others_carry_on()
    {
        var logs = new CapturingLoggerProvider();
        await using var node = await ArborNode.StartAsync(new ArborNodeOptions { LoggerFactory = logs });
        var manager = await EventManager.StartAsync<string>(node);
        var seen = new ConcurrentQueue<string>();
        var owner = await ProbeHandle.StartAsync(node);
        var fragile = await AddSupervisedAsync(owner, manager, () => new Recorder("fragile", seen, failOn: "boom"));
        var steady = await manager.AddHandlerAsync(() => new Recorder("steady", seen));

        await manager.SyncNotifyAsync("boom");
        await manager.SyncNotifyAsync("after");

        var exited = await owner.ReceiveAsync<EventHandlerExited>();
        Assert.Equal(fragile, exited.Handler);
        Assert.Equal(manager.Pid, exited.Manager);
        Assert.Equal(EventHandlerExitKind.Crashed, exited.Reason.Kind);
        Assert.IsType<InvalidOperationException>(exited.Reason.Exception);
        Assert.Equal(new[] { "steady boom", "steady after" }, seen);
        Assert.Equal(new[] { steady }, await manager.WhichHandlersAsync());
        Assert.Contains(logs.Entries, entry => entry.Level == LogLevel.Error && entry.Category == "Arbor.EventManager" && entry.Message.Contains("Recorder#1"));
    }

    [Fact]
    public async Task Delete_returns_what_terminate_returned_and_tells_the_owner()
    {
        await using var node = await ArborNode.StartAsync();
        var manager = await EventManager.StartAsync<string>(node);
        var owner = await ProbeHandle.StartAsync(node);
        var handler = await AddSupervisedAsync(owner, manager, () => new Recorder("r", new ConcurrentQueue<string>()));
        await manager.SyncNotifyAsync("x");

        var result = await manager.DeleteHandlerAsync(handler);

        Assert.Equal("r saw 1 (Deleted)", result);
        Assert.Equal(EventHandlerExitKind.Deleted, (await owner.ReceiveAsync<EventHandlerExited>()).Reason.Kind);
        Assert.Empty(await manager.WhichHandlersAsync());
        await Assert.ThrowsAsync<EventHandlerException>(async () => await manager.DeleteHandlerAsync(handler));
    }

    [Fact]
    public async Task Swap_hands_the_old_handlers_terminate_result_to_its_successor_which_keeps_the_owner()
    {
        await using var node = await ArborNode.StartAsync();
        var manager = await EventManager.StartAsync<string>(node);
        var owner = await ProbeHandle.StartAsync(node);
        var seen = new ConcurrentQueue<string>();
        var old = await AddSupervisedAsync(owner, manager, () => new Recorder("old", seen));
        await manager.SyncNotifyAsync("x");

        var successor = await manager.SwapHandlerAsync(old, handoff => new Recorder("new from " + handoff, seen));
        await manager.SyncNotifyAsync("y");

        var swapped = await owner.ReceiveAsync<EventHandlerExited>();
        Assert.Equal(old, swapped.Handler);
        Assert.Equal(EventHandlerExitKind.Swapped, swapped.Reason.Kind);
        Assert.Equal(successor, swapped.Reason.SwappedFor);
        Assert.Equal(new[] { "old x", "new from old saw 1 (Swapped) y" }, seen);

        // The successor is supervised by the same owner: when the owner exits, it goes too.
        node.Exit(owner.Pid, ExitReason.Kill);
        await node.WhenExited(owner.Pid).Within();
        // WhenExited completes once the owner's Downs are queued, so the next request reaches the manager behind them.
        Assert.Empty(await manager.WhichHandlersAsync());
    }

    [Fact]
    public async Task A_supervised_handler_is_removed_when_its_owner_exits()
    {
        await using var node = await ArborNode.StartAsync();
        var manager = await EventManager.StartAsync<string>(node);
        var owner = await ProbeHandle.StartAsync(node);
        var reasons = new ConcurrentQueue<EventHandlerExit>();
        await AddSupervisedAsync(owner, manager, () => new Recorder("r", new ConcurrentQueue<string>(), reasons: reasons));
        var unsupervised = await manager.AddHandlerAsync(() => new Recorder("u", new ConcurrentQueue<string>()));

        node.Exit(owner.Pid, ExitReason.Kill);
        await node.WhenExited(owner.Pid).Within();

        Assert.Equal(new[] { unsupervised }, await manager.WhichHandlersAsync());
        Assert.Equal(EventHandlerExitKind.OwnerExited, Assert.Single(reasons).Kind);
    }

    [Fact]
    public async Task Stopping_the_manager_terminates_every_handler_and_tells_the_owners()
    {
        await using var node = await ArborNode.StartAsync();
        var manager = await EventManager.StartAsync<string>(node);
        var owner = await ProbeHandle.StartAsync(node);
        var reasons = new ConcurrentQueue<EventHandlerExit>();
        await AddSupervisedAsync(owner, manager, () => new Recorder("r", new ConcurrentQueue<string>(), reasons: reasons));

        await manager.StopAsync().AsTask().Within();

        Assert.Equal(EventHandlerExitKind.ManagerStopped, Assert.Single(reasons).Kind);
        Assert.Equal(EventHandlerExitKind.ManagerStopped, (await owner.ReceiveAsync<EventHandlerExited>()).Reason.Kind);
    }

    [Fact]
    public async Task Failed_requests_about_one_handler_fail_the_caller_and_leave_the_manager_running()
    {
        await using var node = await ArborNode.StartAsync();
        var manager = await EventManager.StartAsync<string>(node);
        var handler = await manager.AddHandlerAsync(() => new Recorder("r", new ConcurrentQueue<string>()));

        var badFactory = await Assert.ThrowsAsync<EventHandlerException>(async () => await manager.AddHandlerAsync(() => throw new InvalidOperationException("no config")));
        var missing = await Assert.ThrowsAsync<EventHandlerException>(async () => await manager.CallAsync<int>(new EventHandlerId(99, "Nobody"), "count"));
        var crashedCall = await Assert.ThrowsAsync<EventHandlerException>(async () => await manager.CallAsync<int>(handler, "explode"));

        Assert.IsType<InvalidOperationException>(badFactory.InnerException);
        Assert.Contains("Nobody#99", missing.Message);
        Assert.IsType<NotSupportedException>(crashedCall.InnerException);
        Assert.Empty(await manager.WhichHandlersAsync());
        Assert.True(manager.Pid.IsAlive);
    }

    [Fact]
    public async Task A_supervised_handler_needs_a_calling_process()
    {
        await using var node = await ArborNode.StartAsync();
        var manager = await EventManager.StartAsync<string>(node);

        Assert.Throws<InvalidOperationException>(() => { _ = manager.AddSupHandlerAsync(() => new Recorder("r", new ConcurrentQueue<string>())); });
    }

    [Fact]
    public async Task A_named_manager_under_a_supervisor_is_found_as_a_typed_client()
    {
        await using var node = await ArborNode.StartAsync();
        var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, maxRestarts: 1, within: TimeSpan.FromSeconds(5), EventManager.ChildSpec<string>(name: "alarms"));
        var manager = node.Whereis<EventManagerRef<string>>("alarms");
        var seen = new ConcurrentQueue<string>();
        await manager.AddHandlerAsync(() => new Recorder("r", seen));

        await manager.SyncNotifyAsync("fire");

        Assert.Equal(new[] { "r fire" }, seen);
        await supervisor.StopAsync();
    }

    /// <summary>Adds a handler supervised by the probe: the request is made from inside the probe process.</summary>
    private static async Task<EventHandlerId> AddSupervisedAsync(ProbeHandle owner, EventManagerRef<string> manager, Func<IEventHandler<string>> factory)
    {
        var pending = (Task<EventHandlerId>)(await owner.QueryAsync(_ => manager.AddSupHandlerAsync(factory).AsTask()))!;
        return await pending.Within();
    }

    private sealed class Recorder(string name, ConcurrentQueue<string> seen, string? failOn = null, ConcurrentQueue<EventHandlerExit>? reasons = null) : IEventHandler<string>
    {
        private int _count;

        public void HandleEvent(string @event)
        {
            if (@event == failOn)
            {
                throw new InvalidOperationException("handler failed on " + @event);
            }

            _count++;
            seen.Enqueue(name + " " + @event);
        }

        public object? HandleCall(object request) => request switch
        {
            "count" => _count,
            _ => throw new NotSupportedException("unknown request " + request),
        };

        public object? Terminate(EventHandlerExit reason)
        {
            reasons?.Enqueue(reason);
            return $"{name} saw {_count} ({reason.Kind})";
        }
    }
}
