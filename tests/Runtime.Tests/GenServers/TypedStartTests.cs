using System;
using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Support;

namespace Arbor.Runtime.Tests.GenServers;

public sealed class TypedStartTests
{
    [Fact]
    public async Task A_typed_start_returns_a_client_for_the_running_server()
    {
        await using var node = await ArborNode.StartAsync();
        var client = await GenServer.StartAsync<ScriptedRef>(node, () => new Scripted(new Script()), new StartOptions { Name = "typed" }, "Scripted 'typed'");
        Assert.Equal(node.Whereis("typed"), client.Pid);
        Assert.Equal(client.Pid, node.Whereis<ScriptedRef>("typed").Pid);
    }

    [Fact]
    public async Task A_typed_start_fails_with_StartFailedException_naming_the_server_and_outcome()
    {
        await using var node = await ArborNode.StartAsync();
        var holder = await Scripted.StartOkAsync(node, new Script(), new StartOptions { Name = "taken" });

        var taken = await Assert.ThrowsAsync<StartFailedException>(async () =>
            await GenServer.StartAsync<ScriptedRef>(node, () => new Scripted(new Script()), new StartOptions { Name = "taken" }, "Scripted 'taken'"));
        Assert.Equal(StartStatus.AlreadyStarted, taken.Result.Status);
        Assert.Equal(holder, taken.Result.Pid);
        Assert.Contains("Scripted 'taken'", taken.Message);

        var failed = await Assert.ThrowsAsync<StartFailedException>(async () =>
            await GenServer.StartAsync<ScriptedRef>(node, () => new Scripted(new Script { Constructor = _ => throw new InvalidOperationException("bad init") }), null, "Scripted"));
        Assert.Equal(StartStatus.Failed, failed.Result.Status);
        Assert.Equal("bad init", failed.InnerException!.Message);

        var ignored = await Assert.ThrowsAsync<StartFailedException>(async () =>
            await GenServer.StartAsync<ScriptedRef>(node, () => new Scripted(new Script { Init = _ => new(InitResult.Ignore) }), null, "Scripted"));
        Assert.Equal(StartStatus.Ignored, ignored.Result.Status);
    }
}
