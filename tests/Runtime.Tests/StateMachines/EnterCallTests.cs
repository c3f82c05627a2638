using System;
using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Support;
using Arbor.StateMachines;

namespace Arbor.Runtime.Tests.StateMachines;

public sealed class EnterCallTests
{
    [Fact]
    public async Task The_initial_state_is_entered_once_after_init_from_itself()
    {
        await using var node = await ArborNode.StartAsync();
        var machine = await ScriptedMachine.StartAsync(node, new MachineScript { Event = (_, _) => default });

        machine.Tell("x");

        Assert.Equal(new[] { "enter a from a", "cast x in a" }, await machine.NextAsync(2));
    }

    [Fact]
    public async Task A_state_change_runs_the_enter_call_with_the_previous_state_before_the_next_event()
    {
        await using var node = await ArborNode.StartAsync();
        var machine = await ScriptedMachine.StartAsync(node, new MachineScript
        {
            Event = (m, e) =>
            {
                m.GoTo((string)ScriptedMachine.Payload(e)!);
                return default;
            },
        });

        machine.Tell("b");
        machine.Tell("c");

        Assert.Equal(
            new[] { "enter a from a", "cast b in a", "enter b from a", "cast c in b", "enter c from b" },
            await machine.NextAsync(5));
    }

    [Fact]
    public async Task Keep_state_runs_no_enter_call_and_repeat_state_runs_it_again()
    {
        await using var node = await ArborNode.StartAsync();
        var machine = await ScriptedMachine.StartAsync(node, new MachineScript
        {
            Event = (m, e) =>
            {
                switch (ScriptedMachine.Payload(e))
                {
                    case "keep":
                        m.GoTo("a");
                        break;
                    case "repeat":
                        m.RepeatState();
                        break;
                }

                return default;
            },
        });

        machine.Tell("keep");
        machine.Tell("repeat");
        machine.Tell("after");

        Assert.Equal(
            new[] { "enter a from a", "cast keep in a", "cast repeat in a", "enter a from a", "cast after in a" },
            await machine.NextAsync(5));
    }

    [Fact]
    public async Task An_enter_call_that_changes_the_state_crashes_the_machine()
    {
        await using var node = await ArborNode.StartAsync();
        var machine = await ScriptedMachine.StartAsync(node, new MachineScript
        {
            Event = (m, _) =>
            {
                m.GoTo("b");
                return default;
            },
            Enter = (m, _) =>
            {
                if (m.Current == "b")
                {
                    m.GoTo("c");
                }
            },
        });

        machine.Tell("go");
        var reason = await node.WhenExited(machine.Pid).Within();

        var error = Assert.IsType<InvalidOperationException>(reason.Exception);
        Assert.Contains("cannot change the state", error.Message);
    }

    [Fact]
    public async Task An_enter_call_cannot_postpone_or_insert_events()
    {
        await using var node = await ArborNode.StartAsync();
        foreach (var action in new Action<ScriptedMachine>[] { m => m.Postpone(), m => m.NextEvent("x") })
        {
            var started = await StateMachineStarts.TryStartAsync(node, new MachineScript { Enter = (m, _) => action(m) });
            Assert.IsType<InvalidOperationException>(started.Reason?.Exception);
        }
    }

    [Fact]
    public async Task Actions_outside_a_handler_are_refused()
    {
        await using var node = await ArborNode.StartAsync();
        ScriptedMachine? captured = null;
        var machine = await ScriptedMachine.StartAsync(node, new MachineScript
        {
            Event = (m, e) =>
            {
                captured = m;
                m.Answer(e, "ok");
                return default;
            },
        });

        await machine.AskAsync("capture").Within();

        Assert.Throws<InvalidOperationException>(() => captured!.GoTo("b"));
    }
}
