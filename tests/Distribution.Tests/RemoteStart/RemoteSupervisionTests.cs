using System.Linq;
using System.Threading.Tasks;
using Arbor.Distribution.RemoteStart;
using Arbor.Distribution.Tests.Transport.Support;

namespace Arbor.Distribution.Tests.RemoteStart;

/// <summary>
/// A supervisor on node a with a child on node b (<see cref="RemoteChild.Spec"/>): the child's exits restart it, a lost
/// connection is an exit with <c>noconnection</c> on both sides, a node that stays away exhausts the restart intensity,
/// and stopping the supervisor stops the remote child.
/// </summary>
public sealed class RemoteSupervisionTests : IAsyncLifetime
{
    private static readonly Atom Get = Atom.Of("get");
    private readonly int _epmd = TestNodes.FreePort();
    private ArborNode _a = null!;
    private ArborNode _b = null!;
    private StartedWorkers _workers = null!;

    public async Task InitializeAsync()
    {
        _a = await TestNodes.StartAsync(TestNodes.UniqueAlive("sa"), _epmd, log: new ListLogger { Echo = Environment.GetEnvironmentVariable("ARBOR_TEST_LOG") == "1" });
        _b = await TestNodes.StartAsync(TestNodes.UniqueAlive("sb"), _epmd, log: new ListLogger { Echo = Environment.GetEnvironmentVariable("ARBOR_TEST_LOG") == "1" });
        _workers = new StartedWorkers(_b);
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }

    private ValueTask<SupervisorRef> SuperviseAsync(int maxRestarts = 3) =>
        _a.StartSupervisorAsync(Strategy.OneForOne, maxRestarts, TimeSpan.FromMinutes(1), RemoteChild.Spec("w", _b.NodeName!, "worker", [5L]));

    private static async Task<Pid> ChildAsync(SupervisorRef supervisor) => (await supervisor.WhichChildrenAsync()).Single().Pid;

    [Fact]
    public async Task The_remote_child_runs_on_the_other_node_and_is_restarted_there_when_it_crashes()
    {
        var supervisor = await SuperviseAsync();
        var first = await _workers.NextAsync();
        var child = await ChildAsync(supervisor);
        Assert.True(child.IsRemote);
        Assert.Equal(first.Id, child.Id);
        Assert.Equal(5L, await _a.CallAsync(child, Get));

        _b.Exit(first, ExitReason.Kill);

        var second = await _workers.NextAsync();
        Assert.NotEqual(first, second);
        Assert.Equal(second.Id, (await ChildAsync(supervisor)).Id);
        Assert.True(supervisor.Pid.IsAlive);
    }

    [Fact]
    public async Task A_lost_connection_is_noconnection_on_both_sides_and_the_child_is_restarted_once_the_node_is_reachable()
    {
        var supervisor = await SuperviseAsync();
        var first = await _workers.NextAsync();

        Assert.True(_a.Disconnect(_b.NodeName!));

        // b's side of the link kills the orphaned child; a's side restarts it, reconnecting to b.
        Assert.Equal(ExitReason.NoConnection, await _b.WhenExited(first).WaitAsync(TimeSpan.FromSeconds(20)));
        var second = await _workers.NextAsync();
        Assert.Equal(second.Id, (await ChildAsync(supervisor)).Id);
        Assert.Equal(5L, await _a.CallAsync(await ChildAsync(supervisor), Get));
    }

    [Fact]
    public async Task A_node_that_stays_away_exhausts_the_restart_intensity_and_the_supervisor_shuts_down()
    {
        var supervisor = await SuperviseAsync(maxRestarts: 2);
        await _workers.NextAsync();

        await _b.DisposeAsync();

        // Every restart is a start that fails with noconnection; the third within the period is beyond the intensity.
        Assert.Equal(ExitReason.Shutdown, await _a.WhenExited(supervisor.Pid).WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Stopping_the_supervisor_shuts_the_remote_child_down()
    {
        var supervisor = await SuperviseAsync();
        var child = await _workers.NextAsync();

        await supervisor.StopAsync();

        Assert.Equal(ExitReason.Shutdown, await _b.WhenExited(child).WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task Terminating_the_remote_child_reports_its_exit_and_restarting_it_starts_a_new_one()
    {
        var supervisor = await SuperviseAsync();
        var first = await _workers.NextAsync();

        Assert.Equal(TerminateChildResult.Terminated, await supervisor.TerminateChildAsync("w"));
        Assert.Equal(ExitReason.Shutdown, await _b.WhenExited(first).WaitAsync(TimeSpan.FromSeconds(20)));

        var restarted = await supervisor.RestartChildAsync("w");
        Assert.Equal(RestartChildStatus.Restarted, restarted.Status);
        Assert.Equal((await _workers.NextAsync()).Id, restarted.Pid.Id);
    }
}
