using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Support;

namespace Arbor.Runtime.Tests.GenServers;

public sealed class CallCastTests
{
    [Fact]
    public async Task Call_returns_the_handler_result_and_casts_are_applied_in_order()
    {
        await using var node = await ArborNode.StartAsync();
        var pid = (await GenServer.StartAsync(node, () => new CounterServer(10))).EnsureStarted("counter");

        for (var i = 0; i < 1000; i++)
        {
            GenServer.Cast(pid, new Increment());
        }

        Assert.Equal(1010, await GenServer.CallAsync(pid, new GetCount()));
        Assert.Equal(1015, await GenServer.CallAsync(pid, new AddCount(5)));
    }
}
