using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Support;
using Arbor.Scheduling;

namespace Arbor.Runtime.Tests.Scheduling;

/// <summary>
/// More handlers block than the runtime has scheduler threads: it starts reserve threads for the work queued behind
/// them, so call timeouts still reach their callers, timers still deliver, and an idle server still answers, all before
/// any blocked handler is released.
/// </summary>
[Collection(SchedulingCollection.Name)]
public sealed class HeldWorkersTests
{
    [Fact]
    public async Task With_every_worker_held_timeouts_fire_timers_deliver_and_an_idle_server_answers()
    {
        await using var node = await ArborNode.StartAsync();
        var blocked = SchedulerThreads.Shared.CoreThreads + Environment.ProcessorCount + 4;
        using var gates = new Gates(blocked);
        var holders = new Pid[blocked];
        for (var i = 0; i < blocked; i++)
        {
            holders[i] = await Scripted.StartOkAsync(node, new Script { Cast = (_, _) => { gates.Block(); return default; } });
        }

        var idle = await Scripted.StartOkAsync(node, new Script { Call = (s, ask) => { s.Answer(ask, ask.Payload); return default; } });
        var ticked = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
        var timed = await Scripted.StartOkAsync(node, new Script { Info = (_, message) => { ticked.TrySetResult(message); return default; } });

        foreach (var holder in holders)
        {
            Scripted.Tell(holder);
        }

        // Every holder is inside its handler: more threads are held than the scheduler had when the test began.
        await gates.AllEntered.Within();
        Assert.All(holders, holder => Assert.Equal("cast Tell", TurnWatchdog.Find(holder.Process!)?.Handler));

        // A call to a held server times out and the caller sees it; a timer message arrives; an idle server answers.
        await Assert.ThrowsAsync<CallTimeoutException>(() => Scripted.AskAsync(holders[0], "stuck", TimeSpan.FromMilliseconds(200))).Within();
        node.SendAfter(timed, TimeSpan.FromMilliseconds(20), "tick");
        Assert.Equal("tick", await ticked.Task.Within());
        Assert.Equal("still here", await Scripted.AskAsync(idle, "still here").Within());
        Assert.True(TurnWatchdog.HeldThreads > 0, "the watchdog counts the held threads");
        Assert.True(SchedulerThreads.Shared.ReserveThreadsServing > 0, "reserve scheduler threads serve while threads are held");

        gates.Open();
        foreach (var holder in holders)
        {
            node.Exit(holder, ExitReason.Kill);
            await node.WhenExited(holder).Within();
        }
    }
}
