using System;
using System.Threading;
using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Support;

namespace Arbor.Runtime.Tests.Scheduling;

/// <summary>Dirty handlers run on the node's dirty threads, as their process, one message at a time.</summary>
[Collection(SchedulingCollection.Name)]
public sealed class DirtySchedulerTests
{
    [Fact]
    public async Task A_dirty_handler_runs_off_the_pool_as_its_process_and_replies()
    {
        await using var node = await ArborNode.StartAsync();
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Call = (s, ask) => s.RunDirty(ask, static (self, request) =>
            {
                var thread = Thread.CurrentThread;
                self.Answer(request, $"{thread.IsThreadPoolThread} {thread.Name?.StartsWith("Arbor dirty scheduler", StringComparison.Ordinal)} {Process.Current?.Pid == self.Me}");
                return default;
            }),
        });

        Assert.Equal("False True True", await Scripted.AskAsync(server).Within());
    }

    [Fact]
    public async Task A_blocked_dirty_handler_holds_no_worker_and_its_process_waits_for_it()
    {
        await using var node = await ArborNode.StartAsync(new ArborNodeOptions { DirtySchedulers = 1 });
        using var gates = new Gates(1);
        var handled = 0;
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Cast = (s, tell) => s.RunDirty(tell, (_, _) =>
            {
                if (Interlocked.Increment(ref handled) == 1)
                {
                    gates.Block();
                }

                return default;
            }),
            Call = (s, ask) => { s.Answer(ask, Volatile.Read(ref handled)); return default; },
        });
        var other = await Scripted.StartOkAsync(node, new Script { Call = (s, ask) => { s.Answer(ask, "served"); return default; } });

        Scripted.Tell(server);
        Scripted.Tell(server);
        await gates.AllEntered.Within();

        // Other processes are served; this one handles nothing else until its dirty handler returns.
        Assert.Equal("served", await Scripted.AskAsync(other).Within());
        var count = Scripted.AskAsync(server);
        Assert.False(count.IsCompleted);

        gates.Open();
        Assert.Equal(2, await count.Within());
    }

    [Fact]
    public async Task A_dirty_handler_that_throws_crashes_its_process()
    {
        await using var node = await ArborNode.StartAsync();
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Cast = (s, tell) => s.RunDirty(tell, static (_, _) => throw new InvalidOperationException("dirty boom")),
        });

        Scripted.Tell(server);
        var reason = await node.WhenExited(server).Within();
        Assert.Equal(ExitKind.Crash, reason.Kind);
        Assert.Equal("dirty boom", reason.Exception?.Message);
    }

    [Fact]
    public async Task A_dirty_handler_still_queued_when_its_process_is_killed_never_runs()
    {
        await using var node = await ArborNode.StartAsync(new ArborNodeOptions { DirtySchedulers = 1 });
        using var gates = new Gates(1);
        var ranForKilled = false;
        var after = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holder = await Scripted.StartOkAsync(node, new Script { Cast = (s, tell) => s.RunDirty(tell, (_, _) => { gates.Block(); return default; }) });
        var queued = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var doomed = await Scripted.StartOkAsync(node, new Script
        {
            Cast = (s, tell) =>
            {
                var handled = s.RunDirty(tell, (_, _) => { ranForKilled = true; return default; });
                queued.TrySetResult();
                return handled;
            },
        });
        var last = await Scripted.StartOkAsync(node, new Script { Cast = (s, tell) => s.RunDirty(tell, (_, _) => { after.TrySetResult(); return default; }) });

        // The only dirty thread is held, so the doomed process's handler waits in the queue, then the process is killed.
        Scripted.Tell(holder);
        await gates.AllEntered.Within();
        Scripted.Tell(doomed);
        await queued.Task.Within();
        node.Exit(doomed, ExitReason.Kill);
        await node.WhenExited(doomed).Within();
        Scripted.Tell(last);

        gates.Open();
        await after.Task.Within(); // the queue is first in, first out: the doomed handler's turn has come and gone
        Assert.False(ranForKilled);
    }
}
