using System;
using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Support;

namespace Arbor.Runtime.Tests.Faults;

/// <summary>
/// The logging provider itself throws (a full disk, a closed pipe): crash reports, unexpected-message warnings and
/// supervisor reports lose their entry, and nothing else — exits complete, supervisors restart, servers keep serving.
/// </summary>
public sealed class LoggerFaultTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_crash_reported_to_a_throwing_logger_still_completes_the_exit(bool throwFromIsEnabled)
    {
        await using var node = await ArborNode.StartAsync(new ArborNodeOptions { LoggerFactory = new ThrowingLoggerFactory(throwFromIsEnabled) });
        var watcher = await ProbeHandle.StartAsync(node);
        var server = await Scripted.StartOkAsync(node, new Script { Cast = (_, _) => throw new InvalidOperationException("boom") });
        await watcher.DoAsync(p => p.Monitor(server));

        Scripted.Tell(server);

        var down = await watcher.ReceiveAsync<Down>();
        Assert.IsType<InvalidOperationException>(down.Reason.Exception);
        Assert.Equal(1, node.ProcessCount); // only the watcher is left
    }

    [Fact]
    public async Task An_unexpected_message_logged_to_a_throwing_logger_does_not_crash_the_server()
    {
        await using var node = await ArborNode.StartAsync(new ArborNodeOptions { LoggerFactory = new ThrowingLoggerFactory() });
        var server = await Scripted.StartOkAsync(node, new Script { Call = (s, ask) => { s.Answer(ask, "alive"); return default; } });

        server.Send("stray");

        Assert.Equal("alive", await Scripted.AskAsync(server).Within());
    }

    [Fact]
    public async Task A_supervisor_reporting_to_a_throwing_logger_still_restarts_its_child()
    {
        await using var node = await ArborNode.StartAsync(new ArborNodeOptions { LoggerFactory = new ThrowingLoggerFactory() });
        var spec = new ChildSpec("worker", context => GenServer.StartAsync(
            context.Node,
            () => new Scripted(new Script { Cast = (_, _) => throw new InvalidOperationException("boom") }),
            new StartOptions { Link = true, Name = "worker" }));
        var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, maxRestarts: 5, within: TimeSpan.FromSeconds(30), spec);
        var first = node.Whereis("worker");
        var exited = node.WhenExited(first);

        Scripted.Tell(first);
        await exited.Within();

        // The child's exit signal reached the supervisor before the exit completed, so this call is answered after the restart.
        var child = Assert.Single(await supervisor.WhichChildrenAsync().AsTask().Within());
        Assert.NotEqual(first, child.Pid);
        Assert.True(child.Pid.IsAlive);
        Assert.Equal(child.Pid, node.Whereis("worker"));
    }
}
