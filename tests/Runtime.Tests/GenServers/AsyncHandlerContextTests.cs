using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Support;

namespace Arbor.Runtime.Tests.GenServers;

public sealed class AsyncHandlerContextTests
{
    [Fact]
    public async Task After_an_await_a_handler_still_runs_as_its_process()
    {
        await using var node = await ArborNode.StartAsync();
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Call = async (s, ask) =>
            {
                await Task.Delay(1);
                await Task.Yield();

                // A linked start needs to know the calling process...
                var child = await Scripted.StartOkAsync(s.MyNode, new Script(), new StartOptions { Link = true });

                // ...and so does the calling-self guard.
                var selfCall = await Record.ExceptionAsync(() => Scripted.AskAsync(s.Me));
                s.Answer(ask, (child, selfCall));
            },
        });

        var (child, selfCall) = ((Pid, System.Exception?))(await Scripted.AskAsync(server).Within())!;
        Assert.IsType<CallingSelfException>(selfCall);
        Assert.True(server.Process!.IsLinkedWith(child.Process!));
        Assert.Equal(server, ((Scripted)child.Process!.Behavior!).MyParent);
    }

    [Fact]
    public async Task After_ConfigureAwait_false_a_self_call_is_not_recognised_and_times_out_as_documented()
    {
        await using var node = await ArborNode.StartAsync();
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Call = async (s, ask) =>
            {
                if (ask.Payload is "inner")
                {
                    s.Answer(ask, "unreachable while the outer call runs");
                    return;
                }

                // Off the process's context from here on: the guard cannot tell this is the process calling itself.
                await Task.Delay(1).ConfigureAwait(false);
                var selfCall = await Record.ExceptionAsync(() => Scripted.AskAsync(s.Me, "inner", System.TimeSpan.FromMilliseconds(50)));
                s.Answer(ask, selfCall);
            },
        });

        var selfCall = await Scripted.AskAsync(server).Within();

        Assert.IsType<CallTimeoutException>(selfCall);
    }

    [Fact]
    public async Task A_continue_after_a_handler_that_left_the_context_runs_as_its_process()
    {
        await using var node = await ArborNode.StartAsync();
        var observed = new TaskCompletionSource<System.Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Cast = async (s, _) =>
            {
                await Task.Delay(1).ConfigureAwait(false); // the handler finishes on the thread pool
                s.Continue("after");
            },
            Continue = async (s, _) =>
            {
                // The continue is the process's own code again: the calling-self guard recognises it at once.
                observed.SetResult(await Record.ExceptionAsync(() => Scripted.AskAsync(s.Me, "inner", System.TimeSpan.FromSeconds(30))));
            },
            Call = (s, ask) =>
            {
                s.Answer(ask, "answered");
                return default;
            },
        });

        Scripted.Tell(server);

        Assert.IsType<CallingSelfException>(await observed.Task.Within());
    }

    [Fact]
    public async Task Awaits_inside_a_handler_keep_one_message_at_a_time()
    {
        await using var node = await ArborNode.StartAsync();
        var inside = 0;
        var overlaps = 0;
        var handled = 0;
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Cast = async (_, _) =>
            {
                if (++inside > 1)
                {
                    overlaps++;
                }

                await Task.Delay(1);
                await Task.Yield();
                inside--;
                handled++;
            },
            Call = (s, ask) =>
            {
                s.Answer(ask, (handled, overlaps));
                return default;
            },
        });

        for (var i = 0; i < 50; i++)
        {
            Scripted.Tell(server);
        }

        Assert.Equal((50, 0), await Scripted.AskAsync(server).Within());
    }
}
