using System;
using System.Threading;
using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Support;

namespace Arbor.Runtime.Tests.Diagnostics;

/// <summary><see cref="ArborNode.GetProcessInfo(Pid)"/>: OTP's process_info, read from outside without asking the process.</summary>
public sealed class ProcessInfoTests
{
    [Fact]
    public async Task Process_info_reports_the_mailbox_length_of_a_busy_process_without_asking_it()
    {
        await using var node = await ArborNode.StartAsync();
        using var gate = new ManualResetEventSlim();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var watcher = await ProbeHandle.StartAsync(node, trapExit: true);
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
        }, new StartOptions { Name = "busy" });
        await watcher.DoAsync(p => p.Link(server));
        await watcher.DoAsync(p => p.Monitor(server));
        try
        {
            Scripted.Tell(server, "block");
            await entered.Task.Within();
            for (var i = 0; i < 1_000; i++)
            {
                Scripted.Tell(server, i);
            }

            var info = node.GetProcessInfo(server);

            Assert.NotNull(info);
            Assert.Equal(server, info.Pid);
            Assert.Equal("busy", info.RegisteredName);
            Assert.Equal(nameof(Scripted), info.Behavior);
            Assert.Equal(1_000, info.MessageQueueLength);
            Assert.Null(info.MaxMailboxLength);
            Assert.False(info.TrapExit);
            Assert.Equal(1, info.Links);
            Assert.Equal(1, info.MonitoredBy);
            Assert.Equal(Pid.None, info.Parent);
        }
        finally
        {
            gate.Set();
        }
    }

    [Fact]
    public async Task Process_info_of_a_dead_or_foreign_pid_is_null()
    {
        await using var node = await ArborNode.StartAsync();
        await using var other = await ArborNode.StartAsync();
        var server = await Scripted.StartOkAsync(node, new Script());
        var elsewhere = await Scripted.StartOkAsync(other, new Script());

        Assert.Null(node.GetProcessInfo(elsewhere));
        Assert.Null(node.GetProcessInfo(Pid.None));
        node.Exit(server, ExitReason.Kill);
        await node.WhenExited(server).Within();
        Assert.Null(node.GetProcessInfo(server));
    }
}
