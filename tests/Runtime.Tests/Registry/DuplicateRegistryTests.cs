using System.Linq;
using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Support;

namespace Arbor.Runtime.Tests.Registry;

public sealed class DuplicateRegistryTests
{
    [Fact]
    public async Task Many_processes_register_under_one_key_and_dispatch_reaches_them_all()
    {
        await using var node = await ArborNode.StartAsync();
        var registry = new DuplicateRegistry<string>();
        var a = await ProbeHandle.StartAsync(node);
        var b = await ProbeHandle.StartAsync(node);
        var c = await ProbeHandle.StartAsync(node);

        Assert.True(registry.Register(a.Pid, "room:1", "alice"));
        Assert.True(registry.Register(b.Pid, "room:1", "bob"));
        Assert.True(registry.Register(c.Pid, "room:2"));

        Assert.Equal(new[] { (a.Pid, (object?)"alice"), (b.Pid, (object?)"bob") }, registry.Lookup("room:1"));
        Assert.Equal(2, registry.Dispatch("room:1", "hello"));
        Assert.Equal("hello", await a.ReceiveAsync<string>());
        Assert.Equal("hello", await b.ReceiveAsync<string>());
        await c.AssertNoMessageAsync();
        Assert.Empty(registry.Lookup("room:3"));
    }

    [Fact]
    public async Task Entries_are_removed_when_the_process_exits_before_its_Down_goes_out()
    {
        await using var node = await ArborNode.StartAsync();
        var registry = new DuplicateRegistry<string>();
        var member = await Scripted.StartOkAsync(node, new Script());
        var other = await Scripted.StartOkAsync(node, new Script());
        registry.Register(member, "topic");
        registry.Register(member, "topic");
        registry.Register(other, "topic");
        var watcher = await ProbeHandle.StartAsync(node);
        await watcher.QueryAsync(p => p.Monitor(member));

        node.Exit(member, ExitReason.Kill);
        await watcher.ReceiveAsync<Down>();

        Assert.Equal(new[] { other }, registry.Lookup("topic").Select(e => e.Pid));
    }

    [Fact]
    public async Task Unregister_removes_a_process_from_a_key_and_empty_keys_disappear()
    {
        await using var node = await ArborNode.StartAsync();
        var registry = new DuplicateRegistry<int>();
        var member = await Scripted.StartOkAsync(node, new Script());
        registry.Register(member, 7);
        registry.Register(member, 7);

        Assert.Equal(2, registry.Unregister(member, 7));
        Assert.Empty(registry.Lookup(7));
        Assert.Empty(registry.Keys);
        Assert.Equal(0, registry.Unregister(member, 7));
    }

    [Fact]
    public async Task Registering_an_exited_process_adds_nothing()
    {
        await using var node = await ArborNode.StartAsync();
        var registry = new DuplicateRegistry<string>();
        var member = await Scripted.StartOkAsync(node, new Script());
        node.Exit(member, ExitReason.Kill);
        await node.WhenExited(member).Within();

        Assert.False(registry.Register(member, "k"));
        Assert.Empty(registry.Lookup("k"));
    }
}
