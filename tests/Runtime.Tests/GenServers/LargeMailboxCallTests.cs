using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Support;

namespace Arbor.Runtime.Tests.GenServers;

public sealed class LargeMailboxCallTests
{
    [Fact]
    public async Task A_process_with_500k_queued_messages_gets_its_call_reply_without_touching_its_mailbox()
    {
        await using var node = await ArborNode.StartAsync();
        var echo = await Scripted.StartOkAsync(node, new Script { Call = (s, ask) => { s.Answer(ask, ask.Payload); return default; } });
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var caller = await Scripted.StartOkAsync(node, new Script
        {
            Cast = async (_, tell) =>
            {
                if (tell.Payload is "block")
                {
                    await gate.Task;
                }
            },
            Call = async (s, ask) =>
            {
                // The caller's mailbox holds 500k unrelated messages; the reply must not queue behind them.
                var replies = 0;
                for (var i = 0; i < 1000; i++)
                {
                    replies += (int)(await Scripted.AskAsync(echo, 1))!;
                }

                s.Answer(ask, replies);
            },
        });

        Scripted.Tell(caller, "block");
        var outer = Scripted.AskAsync(caller);
        for (var i = 0; i < 500_000; i++)
        {
            Scripted.Tell(caller, "noise");
        }

        gate.SetResult();
        Assert.Equal(1000, await outer.Within());
    }
}
