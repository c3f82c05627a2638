using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Support;

namespace Arbor.Runtime.Tests.Processes;

public sealed class PidTests
{
    [Fact]
    public async Task Pids_are_unique_printable_and_ordered_by_creation()
    {
        await using var node = await ArborNode.StartAsync();
        var first = await Scripted.StartOkAsync(node, new Script());
        var second = await Scripted.StartOkAsync(node, new Script());

        Assert.NotEqual(first, second);
        Assert.True(first < second);
        Assert.Equal(first, first.Process!.Pid);
        Assert.Matches(@"^<0\.\d+\.0>$", first.ToString());
        Assert.Equal("<none>", Pid.None.ToString());
        Assert.True(Pid.None.IsNone);
        Assert.False(Pid.None.IsAlive);
    }

    [Fact]
    public async Task Init_runs_inside_the_new_process_with_Self_already_valid()
    {
        await using var node = await ArborNode.StartAsync();
        Scripted? server = null;
        var pid = await Scripted.StartOkAsync(node, new Script { Constructor = s => server = s });

        Assert.Equal(pid, server!.SelfInConstructor);
        Assert.Equal(pid, server.Me);
        Assert.True(pid.IsAlive);
        Assert.Equal(1, node.ProcessCount);
    }

    [Fact]
    public void A_GenServer_cannot_be_created_with_new()
    {
        var error = Assert.Throws<System.InvalidOperationException>(() => new Scripted(new Script()));
        Assert.Contains("can only be created by the runtime", error.Message);
    }
}
