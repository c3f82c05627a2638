using System;
using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Support;

namespace Arbor.Runtime.Tests.Monitors;

public sealed class MonitorTests
{
    [Fact]
    public async Task A_monitor_delivers_Down_with_the_exit_reason()
    {
        await using var node = await ArborNode.StartAsync();
        var watcher = await ProbeHandle.StartAsync(node);
        var target = await Scripted.StartOkAsync(node, new Script { Cast = (_, _) => throw new InvalidOperationException("boom") });
        var reference = (MonitorRef)(await watcher.QueryAsync(p => p.Monitor(target)))!;

        Scripted.Tell(target);

        var down = await watcher.ReceiveAsync<Down>();
        Assert.Same(reference, down.Ref);
        Assert.Equal(target, down.Pid);
        Assert.Equal("boom", down.Reason.Exception!.Message);
        Assert.True(watcher.Pid.IsAlive);
    }

    [Fact]
    public async Task Monitors_are_one_way_the_watcher_dying_does_not_affect_the_target()
    {
        await using var node = await ArborNode.StartAsync();
        var target = await Scripted.StartOkAsync(node, new Script { Call = Links.LinkTests.Answer("alive") });
        var watcher = await Scripted.StartOkAsync(node, new Script { Call = Links.LinkTests.RunAction });
        await Scripted.AskAsync(watcher, new Action<Scripted>(s => s.Monitor(target)));

        node.Exit(watcher, ExitReason.Other("gone"));
        await node.WhenExited(watcher).Within();

        Assert.Equal("alive", await Scripted.AskAsync(target).Within());
    }

    [Fact]
    public async Task Monitors_stack_each_gives_its_own_Down()
    {
        await using var node = await ArborNode.StartAsync();
        var watcher = await ProbeHandle.StartAsync(node);
        var target = await Scripted.StartOkAsync(node, new Script());
        var first = (MonitorRef)(await watcher.QueryAsync(p => p.Monitor(target)))!;
        var second = (MonitorRef)(await watcher.QueryAsync(p => p.Monitor(target)))!;
        Assert.NotSame(first, second);

        node.Exit(target, ExitReason.Shutdown);

        var downs = new[] { await watcher.ReceiveAsync<Down>(), await watcher.ReceiveAsync<Down>() };
        Assert.Contains(downs, d => ReferenceEquals(d.Ref, first));
        Assert.Contains(downs, d => ReferenceEquals(d.Ref, second));
        Assert.All(downs, d => Assert.Equal(ExitReason.Shutdown, d.Reason));
    }

    [Fact]
    public async Task Monitoring_a_dead_process_gives_noproc_at_once()
    {
        await using var node = await ArborNode.StartAsync();
        var watcher = await ProbeHandle.StartAsync(node);
        var target = await Scripted.StartOkAsync(node, new Script());
        node.Exit(target, ExitReason.Kill);
        await node.WhenExited(target).Within();

        await watcher.QueryAsync(p => p.Monitor(target));
        var down = await watcher.ReceiveAsync<Down>();
        Assert.Equal(ExitReason.NoProc, down.Reason);
        Assert.Equal(target, down.Pid);

        await watcher.QueryAsync(p => p.Monitor(Pid.None));
        Assert.Equal(ExitReason.NoProc, (await watcher.ReceiveAsync<Down>()).Reason);
    }

    [Fact]
    public async Task Demonitor_with_flush_drops_a_Down_already_queued()
    {
        await using var node = await ArborNode.StartAsync();
        var watcher = await ProbeHandle.StartAsync(node);
        var target = await Scripted.StartOkAsync(node, new Script());

        var outcome = await watcher.QueryAsync(p =>
        {
            var reference = p.Monitor(target);
            // Kill the target and wait for it to exit while the watcher is busy: its Down is then already queued.
            node.Exit(target, ExitReason.Kill);
            node.WhenExited(target).Wait();
            return p.Demonitor(reference, flush: true);
        });

        Assert.Equal(false, outcome);
        await watcher.AssertNoMessageAsync();
    }

    [Fact]
    public async Task Demonitor_removes_the_monitor_so_no_Down_arrives()
    {
        await using var node = await ArborNode.StartAsync();
        var watcher = await ProbeHandle.StartAsync(node);
        var target = await Scripted.StartOkAsync(node, new Script());
        var reference = (MonitorRef)(await watcher.QueryAsync(p => p.Monitor(target)))!;

        Assert.Equal(true, await watcher.QueryAsync(p => p.Demonitor(reference)));
        node.Exit(target, ExitReason.Kill);
        await node.WhenExited(target).Within();

        await watcher.AssertNoMessageAsync();
        Assert.Equal(false, await watcher.QueryAsync(p => p.Demonitor(reference)));
    }
}
