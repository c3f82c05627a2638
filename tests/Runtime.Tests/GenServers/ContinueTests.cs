using System.Collections.Generic;
using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Support;

namespace Arbor.Runtime.Tests.GenServers;

public sealed class ContinueTests
{
    [Fact]
    public async Task A_continue_runs_right_after_its_handler_before_any_queued_message()
    {
        await using var node = await ArborNode.StartAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var order = new List<string>();
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Cast = async (s, tell) =>
            {
                switch (tell.Payload)
                {
                    case "block":
                        await gate.Task;
                        break;
                    case "A":
                        order.Add("A");
                        s.Continue("after A");
                        break;
                    default:
                        order.Add((string)tell.Payload!);
                        break;
                }
            },
            Continue = (s, argument) =>
            {
                order.Add((string)argument);
                if ((string)argument == "after A")
                {
                    s.Continue("chained");
                }

                return default;
            },
            Call = (s, ask) =>
            {
                s.Answer(ask, string.Join(",", order));
                return default;
            },
        });

        Scripted.Tell(server, "block");
        Scripted.Tell(server, "A");
        Scripted.Tell(server, "B");
        gate.SetResult();

        Assert.Equal("A,after A,chained,B", await Scripted.AskAsync(server).Within());
    }

    [Fact]
    public async Task Init_can_ask_for_a_continue_that_runs_before_the_first_message()
    {
        await using var node = await ArborNode.StartAsync();
        var order = new List<string>();
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Constructor = s => s.Continue("warm up"),
            Continue = (_, argument) =>
            {
                order.Add((string)argument);
                return default;
            },
            Call = (s, ask) =>
            {
                order.Add("first call");
                s.Answer(ask, string.Join(",", order));
                return default;
            },
        });

        Assert.Equal("warm up,first call", await Scripted.AskAsync(server).Within());
    }

    [Fact]
    public async Task The_start_returns_before_init_s_continue_runs_as_OTP_acks_init_first()
    {
        await using var node = await ArborNode.StartAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Constructor = s => s.Continue("warm up"),
            Continue = async (_, _) => await gate.Task,
            Call = (s, ask) =>
            {
                s.Answer(ask, "served after warm up");
                return default;
            },
        }).Within();

        var answer = Scripted.AskAsync(server);
        Assert.False(answer.IsCompleted);
        gate.SetResult();
        Assert.Equal("served after warm up", await answer.Within());
    }

    [Fact]
    public async Task A_continue_from_init_that_fails_crashes_the_started_server_not_the_start()
    {
        await using var node = await ArborNode.StartAsync();
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Constructor = s => s.Continue("warm up"),
            Continue = (_, _) => throw new System.InvalidOperationException("cold"),
        }).Within();

        var reason = await node.WhenExited(server).Within();
        Assert.Equal("cold", reason.Exception!.Message);
    }

    [Fact]
    public async Task A_continue_without_a_handler_crashes_the_server()
    {
        await using var node = await ArborNode.StartAsync();
        var server = await Scripted.StartOkAsync(node, new Script { Cast = (s, _) => { s.Continue("x"); return default; } });
        Scripted.Tell(server);
        var reason = await node.WhenExited(server).Within();
        Assert.Equal("continue", Assert.IsType<UnexpectedMessageException>(reason.Exception).Kind);
    }
}
