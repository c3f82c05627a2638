using System;
using System.Threading;
using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Diagnostics;
using Arbor.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Arbor.Runtime.Tests.Processes;

/// <summary>
/// The overload valve: a mailbox that passes its limit kills its process with <c>mailbox_overflow</c> (a crash report says
/// so) and its supervisor restarts it with an empty mailbox.
/// </summary>
[Collection(Faults.StuckHandlers.Collection)]
public sealed class MailboxLimitTests
{
    [Fact]
    public async Task A_mailbox_past_its_limit_kills_the_process_with_mailbox_overflow()
    {
        var logs = new CapturingLoggerProvider();
        await using var node = await ArborNode.StartAsync(new ArborNodeOptions { LoggerFactory = logs });
        using var gate = new ManualResetEventSlim();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Cast = (_, tell) =>
            {
                if (tell.Payload is "block")
                {
                    entered.TrySetResult();
                    gate.Wait();
                }

                return default;
            },
        }, new StartOptions { MaxMailboxLength = 100 });
        try
        {
            Scripted.Tell(server, "block");
            await entered.Task.Within();
            Assert.Equal(100, node.GetProcessInfo(server)!.MaxMailboxLength);
            for (var i = 0; i < 100; i++)
            {
                Scripted.Tell(server, i);
            }

            Assert.True(server.IsAlive); // at the limit, not past it

            Scripted.Tell(server, "one too many");

            Assert.Same(ExitReason.MailboxOverflow, await node.WhenExited(server).Within());
            Assert.Equal("mailbox_overflow", ExitReason.MailboxOverflow.ToString());
            Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("mailbox_overflow") && e.Message.Contains("100"));
        }
        finally
        {
            gate.Set();
        }
    }

    [Fact]
    public async Task A_server_can_set_its_own_limit_in_its_constructor()
    {
        await using var node = await ArborNode.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Constructor = s => s.MaxMailboxLength = 5,
            Cast = async (_, tell) =>
            {
                if (tell.Payload is "block")
                {
                    entered.TrySetResult();
                    await release.Task;
                }
            },
        });
        Assert.Equal(5, node.GetProcessInfo(server)!.MaxMailboxLength);
        Scripted.Tell(server, "block");
        await entered.Task.Within();

        for (var i = 0; i <= 5; i++)
        {
            Scripted.Tell(server, i);
        }

        Assert.Same(ExitReason.MailboxOverflow, await node.WhenExited(server).Within());
        release.SetResult();

        var invalid = await Scripted.StartAsync(node, new Script { Constructor = s => s.MaxMailboxLength = 0 });
        Assert.IsType<ArgumentOutOfRangeException>(invalid.Reason!.Exception);
    }

    [Fact]
    public async Task A_supervisor_restarts_a_child_killed_for_mailbox_overflow_with_an_empty_mailbox()
    {
        await using var node = await ArborNode.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var spec = new ChildSpec("flooded", context => GenServer.StartAsync(
            context.Node,
            () => new Scripted(new Script
            {
                Cast = async (_, tell) =>
                {
                    if (tell.Payload is "block")
                    {
                        entered.TrySetResult();
                        await release.Task;
                    }
                },
            }),
            new StartOptions { Link = true, MaxMailboxLength = 10 }));
        var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, maxRestarts: 3, within: TimeSpan.FromSeconds(30), spec);
        var first = Assert.Single(await supervisor.WhichChildrenAsync().AsTask().Within()).Pid;
        Scripted.Tell(first, "block");
        await entered.Task.Within();

        for (var i = 0; i <= 10; i++)
        {
            Scripted.Tell(first, i);
        }

        Assert.Same(ExitReason.MailboxOverflow, await node.WhenExited(first).Within());
        var second = Assert.Single(await supervisor.WhichChildrenAsync().AsTask().Within()).Pid;
        Assert.NotEqual(first, second);
        Assert.Equal(0, node.GetProcessInfo(second)!.MessageQueueLength);
        release.SetResult();
    }
}
