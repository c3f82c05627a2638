using System.Linq;
using System.Threading.Tasks;
using Arbor;
using Arbor.Supervision.Tests.Support;

namespace Arbor.Supervision.Tests.Conformance;

/// <summary>OTP restart types: permanent always restarts, transient only after an abnormal exit, temporary never (and its spec goes).</summary>
public sealed class RestartTypeTests
{
    public enum Exit
    {
        Normal,
        Shutdown,
        ShutdownWithDetail,
        Crash,
        Exception,
    }

    [Theory]
    [InlineData(Restart.Permanent, Exit.Normal, true)]
    [InlineData(Restart.Permanent, Exit.Shutdown, true)]
    [InlineData(Restart.Permanent, Exit.ShutdownWithDetail, true)]
    [InlineData(Restart.Permanent, Exit.Crash, true)]
    [InlineData(Restart.Permanent, Exit.Exception, true)]
    [InlineData(Restart.Transient, Exit.Normal, false)]
    [InlineData(Restart.Transient, Exit.Shutdown, false)]
    [InlineData(Restart.Transient, Exit.ShutdownWithDetail, false)]
    [InlineData(Restart.Transient, Exit.Crash, true)]
    [InlineData(Restart.Transient, Exit.Exception, true)]
    [InlineData(Restart.Temporary, Exit.Normal, false)]
    [InlineData(Restart.Temporary, Exit.Shutdown, false)]
    [InlineData(Restart.Temporary, Exit.ShutdownWithDetail, false)]
    [InlineData(Restart.Temporary, Exit.Crash, false)]
    [InlineData(Restart.Temporary, Exit.Exception, false)]
    public async Task A_child_is_restarted_according_to_its_restart_type_and_exit_reason(Restart restart, Exit exit, bool restarted)
    {
        var logs = new CapturedLogs();
        await using var node = await ArborNode.StartAsync(new ArborNodeOptions { LoggerFactory = logs });
        var log = new EventLog();
        var child = log.Plan("child");
        var neighbour = log.Plan("neighbour");
        var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, 10, System.TimeSpan.FromMinutes(1), child.Spec(restart), neighbour.Spec());
        var first = await log.StartedAsync("child", 1);
        var neighbourPid = (await log.StartedAsync("neighbour", 1)).Pid;

        if (exit == Exit.Exception)
        {
            Worker.Throw(first.Pid);
        }
        else
        {
            Worker.Crash(first.Pid, exit switch
            {
                Exit.Normal => ExitReason.Normal,
                Exit.Shutdown => ExitReason.Shutdown,
                Exit.ShutdownWithDetail => ExitReason.ShutdownWith("done"),
                _ => ExitReason.Other("boom"),
            });
        }

        await node.WhenExited(first.Pid).Within();
        if (restarted)
        {
            var second = await log.StartedAsync("child", 2);
            var children = await supervisor.SettledChildrenAsync();
            Assert.Equal(second.Pid, children.Child("child").Pid);
        }
        else
        {
            var children = await supervisor.SettledChildrenAsync();
            Assert.Equal(1, child.Starts);
            if (restart == Restart.Temporary)
            {
                Assert.Equal(new[] { "neighbour" }, children.Ids());
            }
            else
            {
                Assert.Equal(ChildState.NotRunning, children.Child("child").State);
                Assert.Equal(Pid.None, children.Child("child").Pid);
            }
        }

        // The neighbour is never touched under one_for_one.
        Assert.Equal(neighbourPid, (await supervisor.WhichChildrenAsync()).Child("neighbour").Pid);
        Assert.Equal(1, neighbour.Starts);

        // OTP reports a permanent child's exit always, any other child's only when abnormal.
        var reported = restart == Restart.Permanent || exit is Exit.Crash or Exit.Exception;
        Assert.Equal(reported, logs.Named("ChildTerminated").Any(e => e.Message.Contains("child")));
        await supervisor.StopAsync().Within();
    }
}
