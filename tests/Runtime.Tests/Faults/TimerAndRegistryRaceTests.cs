using System;
using System.Threading;
using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Support;

namespace Arbor.Runtime.Tests.Faults;

/// <summary>
/// Resource leaks under churn: cancelled timers used to stay in the timer heap (with their message and target) until
/// they would have fired, and a duplicate-key registration racing its process's exit could leave a dead pid registered.
/// </summary>
public sealed class TimerAndRegistryRaceTests
{
    [Fact]
    public async Task Cancelled_timers_are_dropped_from_the_heap()
    {
        await using var node = await ArborNode.StartAsync();
        var target = await Scripted.StartOkAsync(node, new Script());
        var timers = new TimerRef[5_000];
        for (var i = 0; i < timers.Length; i++)
        {
            timers[i] = node.SendAfter(target, TimeSpan.FromHours(1), new byte[1024]);
        }

        await node.Timers.NextPass().Within();
        Assert.Equal(timers.Length, node.Timers.HeapCount);

        foreach (var timer in timers)
        {
            Assert.True(timer.Cancel());
        }

        await node.Timers.NextPass().Within();
        Assert.Equal(0, node.Timers.HeapCount);
    }

    [Fact]
    public async Task A_live_timer_survives_the_heap_being_rebuilt_and_still_fires()
    {
        await using var node = await ArborNode.StartAsync();
        var probe = await ProbeHandle.StartAsync(node);
        for (var i = 0; i < 1_000; i++)
        {
            node.SendAfter(probe.Pid, TimeSpan.FromHours(1), i).Cancel();
        }

        node.SendAfter(probe.Pid, TimeSpan.FromMilliseconds(20), "live");
        await node.Timers.NextPass().Within();

        Assert.Equal("live", await probe.ReceiveAsync<string>());
    }

    [Fact]
    public async Task No_duplicate_registration_survives_a_register_exit_race()
    {
        await using var node = await ArborNode.StartAsync();
        var registry = new DuplicateRegistry<string>();
        for (var round = 0; round < 2_000; round++)
        {
            var server = await Scripted.StartOkAsync(node, new Script());
            using var start = new Barrier(2);
            var register = Task.Run(() =>
            {
                start.SignalAndWait();
                registry.Register(server, "topic");
            });
            var kill = Task.Run(() =>
            {
                start.SignalAndWait();
                node.Exit(server, ExitReason.Kill);
            });
            await Task.WhenAll(register, kill).Within();
            await node.WhenExited(server).Within();

            Assert.Empty(registry.Lookup("topic"));
        }
    }
}
