using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Support;

namespace Arbor.Runtime.Tests.Processes;

public sealed class MailboxTests
{
    [Fact]
    public async Task Messages_from_each_sender_arrive_in_send_order()
    {
        await using var node = await ArborNode.StartAsync();
        var seen = new List<(int Sender, int Sequence)>();
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Cast = (_, tell) =>
            {
                seen.Add(((int, int))tell.Payload!);
                return default;
            },
            Call = (s, ask) =>
            {
                s.Answer(ask, seen.Count);
                return default;
            },
        });

        const int senders = 4;
        const int perSender = 20_000;
        var threads = Enumerable.Range(0, senders).Select(sender => new Thread(() =>
        {
            for (var i = 0; i < perSender; i++)
            {
                Scripted.Tell(server, (sender, i));
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal(senders * perSender, await Scripted.AskAsync(server).Within());
        for (var sender = 0; sender < senders; sender++)
        {
            var sequence = seen.Where(m => m.Sender == sender).Select(m => m.Sequence).ToList();
            Assert.Equal(Enumerable.Range(0, perSender), sequence);
        }
    }

    [Fact]
    public async Task A_process_handles_one_message_at_a_time_even_with_async_handlers()
    {
        await using var node = await ArborNode.StartAsync();
        var active = 0;
        var maxActive = 0;
        var handled = 0;
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Cast = async (_, _) =>
            {
                var now = Interlocked.Increment(ref active);
                maxActive = System.Math.Max(maxActive, now);
                await Task.Yield();
                await Task.Delay(0);
                Interlocked.Decrement(ref active);
                handled++;
            },
            Call = (s, ask) =>
            {
                s.Answer(ask, handled);
                return default;
            },
        });

        for (var i = 0; i < 500; i++)
        {
            Scripted.Tell(server);
        }

        Assert.Equal(500, await Scripted.AskAsync(server).Within());
        Assert.Equal(1, maxActive);
    }

    [Fact]
    public async Task A_backlog_longer_than_the_fairness_budget_is_drained_across_turns_while_others_progress()
    {
        await using var node = await ArborNode.StartAsync();
        var counts = new ConcurrentDictionary<int, int>();
        Script Counting(int id) => new()
        {
            Cast = (_, _) =>
            {
                counts.AddOrUpdate(id, 1, (_, n) => n + 1);
                return default;
            },
            Call = (s, ask) =>
            {
                s.Answer(ask, counts.GetValueOrDefault(id));
                return default;
            },
        };
        var a = await Scripted.StartOkAsync(node, Counting(1));
        var b = await Scripted.StartOkAsync(node, Counting(2));
        var messages = Arbor.Process.FairnessBudget * 40;
        for (var i = 0; i < messages; i++)
        {
            Scripted.Tell(a);
            Scripted.Tell(b);
        }

        Assert.Equal(messages, await Scripted.AskAsync(a).Within());
        Assert.Equal(messages, await Scripted.AskAsync(b).Within());
    }

    [Fact]
    public async Task A_send_to_an_exited_process_is_dropped_without_error()
    {
        await using var node = await ArborNode.StartAsync();
        var server = await Scripted.StartOkAsync(node, new Script());
        node.Exit(server, ExitReason.Kill);
        await node.WhenExited(server).Within();

        server.Send("late");
        Scripted.Tell(server);
        Pid.None.Send("nobody");
        Assert.False(server.IsAlive);
    }

    [Fact]
    public async Task Plain_sends_arrive_as_info_in_order()
    {
        await using var node = await ArborNode.StartAsync();
        var probe = await ProbeHandle.StartAsync(node);
        for (var i = 0; i < 100; i++)
        {
            probe.Pid.Send(i);
        }

        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(i, await probe.ReceiveAsync<int>());
        }
    }

    [Fact]
    public async Task Sending_a_call_or_cast_request_as_a_plain_message_is_rejected()
    {
        await using var node = await ArborNode.StartAsync();
        var server = await Scripted.StartOkAsync(node, new Script());
        Assert.Throws<System.ArgumentException>(() => server.Send(new Tell()));
    }

    [Fact]
    public async Task A_handler_that_blocks_waiting_for_a_process_it_woke_is_not_deadlocked()
    {
        await using var node = await ArborNode.StartAsync();
        var answered = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var helper = await Scripted.StartOkAsync(node, new Script
        {
            Cast = (_, _) =>
            {
                answered.SetResult("helped");
                return default;
            },
        });
        var blocker = await Scripted.StartOkAsync(node, new Script
        {
            Call = (s, ask) =>
            {
                Scripted.Tell(helper);
#pragma warning disable xUnit1031 // the point of the test: a handler that blocks
                s.Answer(ask, answered.Task.Wait(Patience.Limit) ? answered.Task.Result : "deadlocked");
#pragma warning restore xUnit1031
                return default;
            },
        });

        Assert.Equal("helped", await Scripted.AskAsync(blocker, timeout: Patience.Limit * 2).Within());
    }

    [Fact]
    public async Task An_explicit_reply_reaches_a_caller_that_the_replying_handler_then_waits_for()
    {
        await using var node = await ArborNode.StartAsync();
        var callerResumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Call = (s, ask) =>
            {
                // ReplyTo is OTP's gen_server:reply/2: it goes out at once, not when the handler returns.
                Scripted.Defer(ask).Reply("reply");
#pragma warning disable xUnit1031 // the point of the test: a handler that blocks after replying
                s.MyNode.SendAfter(s.Me, TimeSpan.Zero, callerResumed.Task.Wait(Patience.Limit) ? "ok" : "stuck");
#pragma warning restore xUnit1031
                return default;
            },
            Info = (_, _) => default,
        });

        Assert.Equal("reply", await Scripted.AskAsync(server).Within());
        callerResumed.SetResult();
    }

    [Fact]
    public async Task A_caller_that_blocks_on_a_call_made_right_after_a_reply_is_not_deadlocked()
    {
        await using var node = await ArborNode.StartAsync();
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Call = (s, ask) =>
            {
                s.Answer(ask, ask.Payload);
                return default;
            },
        });

        // Off the test's synchronization context, so the first reply hands the rest of this method to the server's
        // worker; the second call then parks the server in that worker's run-next slot, and the caller blocks.
        var second = await Task.Run(async () =>
        {
            await GenServer.CallAsync(server, new Ask("first"));
            var pending = GenServer.CallAsync(server, new Ask("second")).AsTask();
#pragma warning disable xUnit1031 // the point of the test: a caller that blocks instead of awaiting
            return pending.Wait(Patience.Limit) ? pending.Result : "deadlocked";
#pragma warning restore xUnit1031
        }).Within();

        Assert.Equal("second", second);
    }
}
