using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Diagnostics;
using Arbor.Runtime.Tests.Support;
using Arbor.StateMachines;
using Microsoft.Extensions.Logging;

namespace Arbor.Runtime.Tests.StateMachines;

public sealed class ReplyAndStopTests
{
    [Fact]
    public async Task Several_waiting_callers_are_answered_in_one_transition()
    {
        await using var node = await ArborNode.StartAsync();
        var waiting = new List<ReplyTo<object?>>();
        var machine = await ScriptedMachine.StartAsync(node, new MachineScript
        {
            Event = (m, e) =>
            {
                if (e.Kind == EventKind.Call)
                {
                    waiting.Add(ScriptedMachine.Defer((Ask)e.Content!));
                }
                else
                {
                    foreach (var caller in waiting)
                    {
                        caller.Reply("released");
                    }

                    m.GoTo("released");
                }

                return default;
            },
        });

        var first = machine.AskAsync("one");
        var second = machine.AskAsync("two");
        machine.Tell("release");

        Assert.Equal(new object?[] { "released", "released" }, await Task.WhenAll(first, second).Within());
    }

    [Fact]
    public async Task An_enter_call_can_answer_a_call_that_led_into_the_state()
    {
        await using var node = await ArborNode.StartAsync();
        ReplyTo<object?> pending = default;
        var machine = await ScriptedMachine.StartAsync(node, new MachineScript
        {
            Event = (m, e) =>
            {
                pending = ScriptedMachine.Defer((Ask)e.Content!);
                m.GoTo("b");
                return default;
            },
            Enter = (m, previous) =>
            {
                if (m.Current == "b")
                {
                    pending.Reply($"entered b from {previous}");
                }
            },
        });

        Assert.Equal("entered b from a", await machine.AskAsync("go").Within());
    }

    [Fact]
    public async Task Stop_runs_terminate_with_the_reason_and_the_state()
    {
        await using var node = await ArborNode.StartAsync();
        var machine = await ScriptedMachine.StartAsync(node, new MachineScript
        {
            Event = (m, e) =>
            {
                if (ScriptedMachine.Payload(e) is "stop")
                {
                    m.GoTo("ignored");
                    m.Stop(ExitReason.ShutdownWith("done"));
                }
                else
                {
                    m.GoTo("b");
                }

                return default;
            },
        });

        machine.Tell("b");
        machine.Tell("stop");

        Assert.Equal(ExitReason.ShutdownWith("done"), await node.WhenExited(machine.Pid).Within());
        var trace = await machine.NextAsync(5);
        Assert.Equal("terminate " + ExitReason.ShutdownWith("done") + " in b", trace[^1]);
    }

    [Fact]
    public async Task Stop_with_reply_answers_before_terminate_runs()
    {
        await using var node = await ArborNode.StartAsync();
        var terminated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var machine = await ScriptedMachine.StartAsync(node, new MachineScript
        {
            Event = (m, e) =>
            {
                m.Answer(e, "bye");
                m.Stop(ExitReason.Normal);
                return default;
            },
            Terminate = async (_, _) =>
            {
                // Terminate waits until the caller has its reply: it was sent before terminate ran.
                await gate.Task;
                terminated.SetResult();
            },
        });

        var reply = await machine.AskAsync("stop").Within();
        Assert.False(terminated.Task.IsCompleted);
        gate.SetResult();

        Assert.Equal("bye", reply);
        Assert.Equal(ExitReason.Normal, await node.WhenExited(machine.Pid).Within());
    }

    [Fact]
    public async Task An_event_no_state_handles_crashes_the_machine_naming_the_state()
    {
        await using var node = await ArborNode.StartAsync();
        var machine = await ScriptedMachine.StartAsync(node, new MachineScript());

        var call = machine.AskAsync("anything");

        var error = await Assert.ThrowsAsync<ProcessExitedException>(() => call.Within());
        var unexpected = Assert.IsType<UnexpectedMessageException>(error.Reason.Exception);
        Assert.Contains("call in state a", unexpected.Message);
    }

    [Fact]
    public async Task An_unexpected_info_is_logged_and_dropped()
    {
        var logs = new CapturingLoggerProvider();
        await using var node = await ArborNode.StartAsync(new ArborNodeOptions { LoggerFactory = logs });
        var machine = await ScriptedMachine.StartAsync(node, new MachineScript { Event = Answer, InfoToBase = true });

        machine.Pid.Send("stray");

        Assert.Equal("alive", await machine.AskAsync("ping").Within());
        var entry = Assert.Single(logs.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains("stray", entry.Message);
    }

    [Fact]
    public async Task A_crash_report_carries_the_state_and_the_data()
    {
        var logs = new CapturingLoggerProvider();
        await using var node = await ArborNode.StartAsync(new ArborNodeOptions { LoggerFactory = logs });
        var machine = await ScriptedMachine.StartAsync(node, new MachineScript
        {
            Event = (m, e) =>
            {
                if (ScriptedMachine.Payload(e) is "crash")
                {
                    throw new InvalidOperationException("jammed");
                }

                m.GoTo("open");
                return default;
            },
        });

        machine.Tell("open");
        machine.Tell("crash");
        await node.WhenExited(machine.Pid).Within();

        var entry = Assert.Single(logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("state open, data scripted data", entry.Message);
        Assert.Contains("jammed", entry.Message);
    }

    private static ValueTask Answer(ScriptedMachine machine, StateMachineEvent e)
    {
        machine.Answer(e, "alive");
        return default;
    }
}
