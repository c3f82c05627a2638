using System;
using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Support;

namespace Arbor.Runtime.Tests.Links;

public sealed class TrapExitTests
{
    [Fact]
    public async Task A_trapping_process_receives_exit_signals_as_messages_and_survives()
    {
        await using var node = await ArborNode.StartAsync();
        var probe = await ProbeHandle.StartAsync(node, trapExit: true);
        var doomed = await Scripted.StartOkAsync(node, new Script { Cast = (_, _) => throw new InvalidOperationException("boom") });
        await probe.DoAsync(p => p.Link(doomed));

        Scripted.Tell(doomed);

        var exited = await probe.ReceiveAsync<Exited>();
        Assert.Equal(doomed, exited.From);
        Assert.Equal(ExitKind.Crash, exited.Reason.Kind);
        Assert.True(probe.Pid.IsAlive);
    }

    [Fact]
    public async Task A_trapping_process_also_sees_normal_exits_of_linked_processes()
    {
        await using var node = await ArborNode.StartAsync();
        var probe = await ProbeHandle.StartAsync(node, trapExit: true);
        var worker = await Scripted.StartOkAsync(node, new Script { Cast = (s, _) => { s.Stop(ExitReason.Normal); return default; } });
        await probe.DoAsync(p => p.Link(worker));

        Scripted.Tell(worker);

        Assert.Equal(new Exited(worker, ExitReason.Normal), await probe.ReceiveAsync<Exited>());
    }

    [Fact]
    public async Task Kill_cannot_be_trapped_and_the_victim_exits_with_killed()
    {
        await using var node = await ArborNode.StartAsync();
        var victim = await ProbeHandle.StartAsync(node, trapExit: true);
        var watcher = await ProbeHandle.StartAsync(node, trapExit: true);
        await watcher.DoAsync(p => p.Link(victim.Pid));

        node.Exit(victim.Pid, ExitReason.Kill);

        Assert.Equal(ExitReason.Killed, await node.WhenExited(victim.Pid).Within());
        // Links carry 'killed', an ordinary (trappable) reason.
        Assert.Equal(new Exited(victim.Pid, ExitReason.Killed), await watcher.ReceiveAsync<Exited>());
    }

    [Fact]
    public async Task Killed_propagates_to_non_trapping_links()
    {
        await using var node = await ArborNode.StartAsync();
        var victim = await Scripted.StartOkAsync(node, new Script());
        var bystander = await Scripted.StartOkAsync(node, new Script());
        victim.Process!.Link(bystander.Process!);

        node.Exit(victim, ExitReason.Kill);

        Assert.Equal(ExitReason.Killed, await node.WhenExited(bystander).Within());
    }

    [Fact]
    public async Task An_explicit_exit_kills_a_non_trapping_process_but_normal_is_ignored()
    {
        await using var node = await ArborNode.StartAsync();
        var target = await Scripted.StartOkAsync(node, new Script { Call = LinkTests.Answer("alive") });

        node.Exit(target, ExitReason.Normal);
        Assert.Equal("alive", await Scripted.AskAsync(target).Within());

        node.Exit(target, ExitReason.Other("stop it"));
        Assert.Equal(ExitReason.Other("stop it"), await node.WhenExited(target).Within());
    }

    [Fact]
    public async Task An_explicit_exit_reaches_a_trapping_process_as_a_message_with_the_sender()
    {
        await using var node = await ArborNode.StartAsync();
        var target = await ProbeHandle.StartAsync(node, trapExit: true);
        var sender = await ProbeHandle.StartAsync(node);

        await sender.DoAsync(p => p.Exit(target.Pid, ExitReason.Normal));
        Assert.Equal(new Exited(sender.Pid, ExitReason.Normal), await target.ReceiveAsync<Exited>());

        node.Exit(target.Pid, ExitReason.Shutdown);
        Assert.Equal(new Exited(Pid.None, ExitReason.Shutdown), await target.ReceiveAsync<Exited>());
    }

    [Fact]
    public async Task A_process_that_exits_itself_with_normal_stops()
    {
        await using var node = await ArborNode.StartAsync();
        var target = await Scripted.StartOkAsync(node, new Script { Call = LinkTests.RunAction });

        await Scripted.AskAsync(target, new Action<Scripted>(s => s.Exit(s.Me, ExitReason.Normal))).Within();

        Assert.Equal(ExitReason.Normal, await node.WhenExited(target).Within());
    }

    [Fact]
    public async Task Exit_signals_are_handled_ahead_of_queued_messages()
    {
        await using var node = await ArborNode.StartAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handled = 0;
        var target = await Scripted.StartOkAsync(node, new Script
        {
            Cast = async (_, tell) =>
            {
                if (tell.Payload is "block")
                {
                    await gate.Task;
                }
                else
                {
                    handled++;
                }
            },
        });

        Scripted.Tell(target, "block");
        for (var i = 0; i < 10_000; i++)
        {
            Scripted.Tell(target);
        }

        node.Exit(target, ExitReason.Other("urgent"));
        Assert.Equal(ExitReason.Other("urgent"), await node.WhenExited(target).Within());
        gate.SetResult();
        Assert.Equal(0, handled);
    }

    [Fact]
    public async Task A_trapped_exit_is_queued_behind_what_the_dying_process_sent_before()
    {
        await using var node = await ArborNode.StartAsync();
        var probe = await ProbeHandle.StartAsync(node, trapExit: true);
        var worker = await Scripted.StartOkAsync(node, new Script
        {
            Cast = (s, _) =>
            {
                for (var i = 0; i < 1000; i++)
                {
                    probe.Pid.Send(i);
                }

                throw new InvalidOperationException("done");
            },
        });
        await probe.DoAsync(p => p.Link(worker));

        Scripted.Tell(worker);

        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(i, await probe.ReceiveAsync<int>());
        }

        Assert.Equal(worker, (await probe.ReceiveAsync<Exited>()).From);
    }

    [Fact]
    public async Task A_trapped_exit_arrives_before_anything_sent_after_the_exit_was_observed()
    {
        await using var node = await ArborNode.StartAsync();
        for (var round = 0; round < 50; round++)
        {
            var probe = await ProbeHandle.StartAsync(node, trapExit: true);
            var worker = await Scripted.StartOkAsync(node, new Script());
            await probe.DoAsync(p => p.Link(worker));

            node.Exit(worker, ExitReason.Other("gone"));
            await node.WhenExited(worker).Within();
            probe.Pid.Send("after");

            Assert.Equal(new Exited(worker, ExitReason.Other("gone")), await probe.ReceiveAsync<Exited>());
            Assert.Equal("after", await probe.ReceiveAsync<string>());
        }
    }
}
