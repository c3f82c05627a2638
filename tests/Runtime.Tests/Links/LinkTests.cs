using System;
using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Support;

namespace Arbor.Runtime.Tests.Links;

public sealed class LinkTests
{
    private static Script Crashable => new()
    {
        Cast = (s, tell) => tell.Payload switch
        {
            "crash" => throw new InvalidOperationException("boom"),
            ExitReason reason => Stop(s, reason),
            _ => default,
        },
    };

    private static ValueTask Stop(Scripted server, ExitReason reason)
    {
        server.Stop(reason);
        return default;
    }

    [Fact]
    public async Task A_crash_kills_the_linked_process_with_the_same_reason()
    {
        await using var node = await ArborNode.StartAsync();
        var a = await Scripted.StartOkAsync(node, Crashable);
        var b = await Scripted.StartOkAsync(node, new Script());
        await LinkAsync(a, b);

        Scripted.Tell(a, "crash");

        var reasonA = await node.WhenExited(a).Within();
        var reasonB = await node.WhenExited(b).Within();
        Assert.Equal(ExitKind.Crash, reasonA.Kind);
        Assert.Same(reasonA, reasonB);
    }

    [Fact]
    public async Task Links_are_bidirectional()
    {
        await using var node = await ArborNode.StartAsync();
        var a = await Scripted.StartOkAsync(node, new Script());
        var b = await Scripted.StartOkAsync(node, Crashable);
        await LinkAsync(a, b);

        Scripted.Tell(b, ExitReason.Other("bad"));

        Assert.Equal(ExitReason.Other("bad"), await node.WhenExited(a).Within());
    }

    [Fact]
    public async Task A_normal_exit_does_not_kill_linked_processes()
    {
        await using var node = await ArborNode.StartAsync();
        var a = await Scripted.StartOkAsync(node, Crashable);
        var b = await Scripted.StartOkAsync(node, new Script { Call = Answer("alive") });
        await LinkAsync(a, b);

        Scripted.Tell(a, ExitReason.Normal);
        Assert.Equal(ExitReason.Normal, await node.WhenExited(a).Within());

        Assert.Equal("alive", await Scripted.AskAsync(b).Within());
        Assert.False(b.Process!.IsLinkedWith(a.Process!));
    }

    [Fact]
    public async Task Shutdown_propagates_through_links_like_any_abnormal_reason()
    {
        await using var node = await ArborNode.StartAsync();
        var a = await Scripted.StartOkAsync(node, Crashable);
        var b = await Scripted.StartOkAsync(node, new Script());
        await LinkAsync(a, b);

        Scripted.Tell(a, ExitReason.ShutdownWith("maintenance"));

        Assert.Equal(ExitReason.ShutdownWith("maintenance"), await node.WhenExited(b).Within());
    }

    [Fact]
    public async Task Link_is_idempotent_and_unlink_removes_both_directions()
    {
        await using var node = await ArborNode.StartAsync();
        var a = await Scripted.StartOkAsync(node, Crashable);
        var b = await Scripted.StartOkAsync(node, new Script { Call = Answer("alive") });
        await LinkAsync(a, b);
        await LinkAsync(a, b);
        await LinkAsync(b, a);
        Assert.True(a.Process!.IsLinkedWith(b.Process!));
        Assert.True(b.Process!.IsLinkedWith(a.Process!));

        a.Process.Unlink(b.Process);
        Assert.False(a.Process.IsLinkedWith(b.Process));
        Assert.False(b.Process.IsLinkedWith(a.Process));

        Scripted.Tell(a, "crash");
        await node.WhenExited(a).Within();
        Assert.Equal("alive", await Scripted.AskAsync(b).Within());
    }

    [Fact]
    public async Task Linking_to_a_dead_process_delivers_noproc()
    {
        await using var node = await ArborNode.StartAsync();
        var dead = await Scripted.StartOkAsync(node, new Script());
        node.Exit(dead, ExitReason.Kill);
        await node.WhenExited(dead).Within();

        var trapping = await ProbeHandle.StartAsync(node, trapExit: true);
        await trapping.DoAsync(p => p.Link(dead));
        var exited = await trapping.ReceiveAsync<Exited>();
        Assert.Equal(dead, exited.From);
        Assert.Equal(ExitReason.NoProc, exited.Reason);

        var plain = await Scripted.StartOkAsync(node, new Script { Call = RunAction });
        await Scripted.AskAsync(plain, new Action<Scripted>(s => s.Link(dead)));
        Assert.Equal(ExitReason.NoProc, await node.WhenExited(plain).Within());
    }

    [Fact]
    public async Task Nothing_arrives_through_a_link_after_unlink_even_if_the_exit_was_already_in_flight()
    {
        await using var node = await ArborNode.StartAsync();
        var doomed = await Scripted.StartOkAsync(node, new Script());
        var survivor = await Scripted.StartOkAsync(node, new Script
        {
            Call = (s, ask) =>
            {
                if (ask.Payload is "race")
                {
                    s.Link(doomed);
                    s.Exit(doomed, ExitReason.Other("crash"));
#pragma warning disable xUnit1031 // deliberately waits inside the handler so the exit signal is queued before the unlink
                    s.MyNode.WhenExited(doomed).Wait(Patience.Limit);
#pragma warning restore xUnit1031
                    s.Unlink(doomed);
                }

                s.Answer(ask, "alive");
                return default;
            },
        });

        Assert.Equal("alive", await Scripted.AskAsync(survivor, "race").Within());
        Assert.Equal("alive", await Scripted.AskAsync(survivor).Within());
        Assert.True(survivor.IsAlive);
    }

    internal static Func<Scripted, Ask, ValueTask> Answer(object? value) => (s, ask) =>
    {
        s.Answer(ask, value);
        return default;
    };

    internal static ValueTask RunAction(Scripted server, Ask ask)
    {
        ((Action<Scripted>)ask.Payload!)(server);
        server.Answer(ask, null);
        return default;
    }

    private static Task LinkAsync(Pid from, Pid to)
    {
        from.Process!.Link(to.Process!);
        return Task.CompletedTask;
    }
}
