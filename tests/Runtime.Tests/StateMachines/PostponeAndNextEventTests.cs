using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Support;
using Arbor.StateMachines;

namespace Arbor.Runtime.Tests.StateMachines;

public sealed class PostponeAndNextEventTests
{
    /// <summary>In state a everything but "open" is postponed; "open" moves to b, where everything is handled.</summary>
    private static MachineScript Gate() => new()
    {
        Event = (m, e) =>
        {
            var payload = ScriptedMachine.Payload(e);
            if (m.Current == "a")
            {
                if (payload is "open")
                {
                    m.GoTo("b");
                }
                else if (payload is "repeat")
                {
                    m.RepeatState();
                }
                else if (payload is "keep")
                {
                    m.GoTo("a");
                }
                else
                {
                    m.Postpone();
                }
            }
            else if (payload is "close")
            {
                m.GoTo("a");
            }

            return default;
        },
    };

    [Fact]
    public async Task Postponed_events_are_retried_in_order_after_the_state_changes_ahead_of_later_events()
    {
        await using var node = await ArborNode.StartAsync();
        var machine = await ScriptedMachine.StartAsync(node, Gate());

        machine.Tell(1);
        machine.Tell(2);
        machine.Tell("open");
        machine.Tell(3);

        Assert.Equal(
            new[] { "enter a from a", "cast 1 in a", "cast 2 in a", "cast open in a", "enter b from a", "cast 1 in b", "cast 2 in b", "cast 3 in b" },
            await machine.NextAsync(8));
    }

    [Fact]
    public async Task Keep_state_and_repeat_state_do_not_retry_postponed_events()
    {
        await using var node = await ArborNode.StartAsync();
        var machine = await ScriptedMachine.StartAsync(node, Gate());

        machine.Tell(1);
        machine.Tell("keep");
        machine.Tell("repeat");
        machine.Tell("open");

        Assert.Equal(
            new[] { "enter a from a", "cast 1 in a", "cast keep in a", "cast repeat in a", "enter a from a", "cast open in a", "enter b from a", "cast 1 in b" },
            await machine.NextAsync(8));
    }

    [Fact]
    public async Task An_event_postponed_again_waits_for_the_following_state_change()
    {
        await using var node = await ArborNode.StartAsync();
        var machine = await ScriptedMachine.StartAsync(node, new MachineScript
        {
            Event = (m, e) =>
            {
                switch (m.Current, ScriptedMachine.Payload(e))
                {
                    case ("a", "next"):
                        m.GoTo("b");
                        break;
                    case ("b", "next"):
                        m.GoTo("c");
                        break;
                    case ("c", _):
                        break;
                    default:
                        m.Postpone();
                        break;
                }

                return default;
            },
        });

        machine.Tell("x");
        machine.Tell("next");
        machine.Tell("next");

        Assert.Equal(
            new[] { "enter a from a", "cast x in a", "cast next in a", "enter b from a", "cast x in b", "cast next in b", "enter c from b", "cast x in c" },
            await machine.NextAsync(8));
    }

    [Fact]
    public async Task Inserted_events_run_in_order_before_queued_and_postponed_events()
    {
        await using var node = await ArborNode.StartAsync();
        var machine = await ScriptedMachine.StartAsync(node, new MachineScript
        {
            Event = (m, e) =>
            {
                switch (m.Current, ScriptedMachine.Payload(e))
                {
                    case ("a", "go"):
                        m.GoTo("b");
                        m.NextEvent("first");
                        m.NextEvent("second");
                        break;
                    case ("a", _):
                        m.Postpone();
                        break;
                }

                return default;
            },
        });

        machine.Tell("early");
        machine.Tell("go");
        machine.Tell("late");

        Assert.Equal(
            new[] { "enter a from a", "cast early in a", "cast go in a", "enter b from a", "internal first in b", "internal second in b", "cast early in b", "cast late in b" },
            await machine.NextAsync(8));
    }

    [Fact]
    public async Task Events_inserted_by_the_constructor_run_before_any_message()
    {
        await using var node = await ArborNode.StartAsync();
        var machine = await ScriptedMachine.StartAsync(node, new MachineScript
        {
            Constructor = m => m.NextEvent("boot"),
            Event = (_, _) => default,
        });

        machine.Tell("x");

        Assert.Equal(new[] { "enter a from a", "internal boot in a", "cast x in a" }, await machine.NextAsync(3));
    }

    [Fact]
    public async Task A_postponed_call_is_answered_from_the_state_that_handles_it()
    {
        await using var node = await ArborNode.StartAsync();
        var machine = await ScriptedMachine.StartAsync(node, new MachineScript
        {
            Event = (m, e) =>
            {
                switch (m.Current, ScriptedMachine.Payload(e))
                {
                    case ("a", "open"):
                        m.GoTo("b");
                        break;
                    case ("a", _):
                        m.Postpone();
                        break;
                    case ("b", var question):
                        m.Answer(e, $"{question} answered in b");
                        break;
                }

                return default;
            },
        });

        var answer = machine.AskAsync("q");
        Assert.False(answer.IsCompleted);
        machine.Tell("open");

        Assert.Equal("q answered in b", await answer.Within());
    }

    [Fact]
    public async Task A_postponed_call_fails_with_the_exit_reason_when_the_machine_stops()
    {
        await using var node = await ArborNode.StartAsync();
        var machine = await ScriptedMachine.StartAsync(node, new MachineScript
        {
            Event = (m, e) =>
            {
                if (ScriptedMachine.Payload(e) is "stop")
                {
                    m.Stop(ExitReason.ShutdownWith("closing"));
                }
                else
                {
                    m.Postpone();
                }

                return default;
            },
        });

        var answer = machine.AskAsync("q");
        machine.Tell("stop");

        var error = await Assert.ThrowsAsync<ProcessExitedException>(() => answer.Within());
        Assert.Equal(ExitReason.ShutdownWith("closing"), error.Reason);
    }
}
