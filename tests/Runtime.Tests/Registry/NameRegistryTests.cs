using System;
using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Support;

namespace Arbor.Runtime.Tests.Registry;

public sealed class NameRegistryTests
{
    [Fact]
    public async Task A_named_start_registers_the_name_and_a_second_start_reports_already_started_with_the_holder()
    {
        await using var node = await ArborNode.StartAsync();
        var first = await Scripted.StartOkAsync(node, new Script(), new StartOptions { Name = "db" });
        var constructed = 0;

        var second = await Scripted.StartAsync(node, new Script { Constructor = _ => constructed++ }, new StartOptions { Name = "db" });

        Assert.Equal(first, node.Whereis("db"));
        Assert.Equal(StartStatus.AlreadyStarted, second.Status);
        Assert.Equal(first, second.Pid);
        Assert.Equal(0, constructed);
        Assert.Equal(1, node.ProcessCount);
        var error = Assert.Throws<StartFailedException>(() => second.EnsureStarted("db"));
        Assert.Contains("already started", error.Message);
    }

    [Fact]
    public async Task The_name_is_visible_during_init()
    {
        await using var node = await ArborNode.StartAsync();
        Pid seen = default;
        var pid = await Scripted.StartOkAsync(node, new Script { Constructor = s => seen = s.MyNode.Whereis("early") }, new StartOptions { Name = "early" });
        Assert.Equal(pid, seen);
    }

    [Fact]
    public async Task Names_are_released_before_exit_signals_and_Down_messages_go_out()
    {
        await using var node = await ArborNode.StartAsync();
        var named = await Scripted.StartOkAsync(node, new Script(), new StartOptions { Name = "svc" });
        Pid seenByLink = default;
        Pid seenByMonitor = default;
        var linked = await Scripted.StartOkAsync(node, new Script
        {
            Init = s =>
            {
                s.TrapExit = true;
                return new(InitResult.Ok);
            },
            Info = (s, message) =>
            {
                if (message is Exited)
                {
                    seenByLink = s.MyNode.Whereis("svc");
                    s.Stop(ExitReason.Normal);
                }

                return default;
            },
        });
        named.Process!.Link(linked.Process!);
        var watcher = await ProbeHandle.StartAsync(node);
        await watcher.QueryAsync(p => p.Monitor(named));
        var monitorSaw = new TaskCompletionSource<Pid>();

        node.Exit(named, ExitReason.Kill);

        await watcher.ReceiveAsync<Down>();
        seenByMonitor = node.Whereis("svc");
        await node.WhenExited(linked).Within();
        Assert.True(seenByLink.IsNone);
        Assert.True(seenByMonitor.IsNone);

        // The name is free at once: a replacement can take it.
        var replacement = await Scripted.StartOkAsync(node, new Script(), new StartOptions { Name = "svc" });
        Assert.Equal(replacement, node.Whereis("svc"));
    }

    [Fact]
    public async Task Register_unregister_and_whereis()
    {
        await using var node = await ArborNode.StartAsync();
        var a = await Scripted.StartOkAsync(node, new Script());
        var b = await Scripted.StartOkAsync(node, new Script());

        node.Register("a", a);
        Assert.Equal(a, node.Whereis("a"));
        var taken = Assert.Throws<AlreadyRegisteredException>(() => node.Register("a", b));
        Assert.Equal(a, taken.Holder);
        Assert.Throws<InvalidOperationException>(() => node.Register("other", a));
        Assert.Throws<ArgumentException>(() => node.Register(" ", b));

        Assert.True(node.Unregister("a"));
        Assert.False(node.Unregister("a"));
        Assert.True(node.Whereis("a").IsNone);
        node.Register("other", a);
        Assert.Equal(a, node.Whereis("other"));
    }

    [Fact]
    public async Task Sending_and_calling_by_an_unregistered_name_behaves_like_noproc()
    {
        await using var node = await ArborNode.StartAsync();
        node.Send("nobody", "hello");
        var error = await Assert.ThrowsAsync<NoProcessException>(() => Scripted.AskAsync(node.Whereis("nobody")));
        Assert.Contains("noproc", error.Message);
    }

    [Fact]
    public async Task Each_node_has_its_own_names()
    {
        await using var one = await ArborNode.StartAsync();
        await using var two = await ArborNode.StartAsync();
        var a = await Scripted.StartOkAsync(one, new Script(), new StartOptions { Name = "same" });
        var b = await Scripted.StartOkAsync(two, new Script(), new StartOptions { Name = "same" });
        Assert.Equal(a, one.Whereis("same"));
        Assert.Equal(b, two.Whereis("same"));
    }
}
