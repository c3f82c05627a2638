using System;
using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Support;
using Arbor.StateMachines;

namespace Arbor.Runtime.Tests.StateMachines;

/// <summary>
/// OTP's timeout rules. Zero timeouts queue their event at once, behind what has already arrived, which makes the
/// cancellation rules observable without waiting on a clock: a cancelled timeout's queued event must be dropped.
/// </summary>
public sealed class TimeoutTests
{
    [Fact]
    public async Task A_state_timeout_fires_with_its_content_in_the_state_that_set_it()
    {
        await using var node = await ArborNode.StartAsync();
        var machine = await ScriptedMachine.StartAsync(node, new MachineScript
        {
            Event = (m, e) =>
            {
                if (e.Kind == EventKind.Cast)
                {
                    m.GoTo("open");
                    m.StateTimeout(TimeSpan.FromMilliseconds(20), "relock");
                }
                else if (e.Kind == EventKind.StateTimeout)
                {
                    m.GoTo("a");
                }

                return default;
            },
        });

        machine.Tell("unlock");

        Assert.Equal(
            new[] { "enter a from a", "cast unlock in a", "enter open from a", "state_timeout relock in open", "enter a from open" },
            await machine.NextAsync(5));
    }

    [Fact]
    public async Task A_state_change_cancels_the_state_timeout_even_after_it_fired()
    {
        await using var node = await ArborNode.StartAsync();
        var machine = await ScriptedMachine.StartAsync(node, new MachineScript
        {
            Event = (m, e) =>
            {
                switch (ScriptedMachine.Payload(e))
                {
                    case "arm":
                        // The zero timeout's event is queued now; the inserted event runs first and leaves the state.
                        m.StateTimeout(TimeSpan.Zero, "stale");
                        m.NextEvent("leave");
                        break;
                    case "leave":
                        m.GoTo("b");

                        // Queued behind the stale timeout event: when the marker is handled, that event has been met.
                        m.Me.Send("marker");
                        break;
                }

                return default;
            },
        });

        machine.Tell("arm");

        Assert.Equal(new[] { "enter a from a", "cast arm in a", "internal leave in a", "enter b from a", "info marker in b" }, await machine.NextAsync(5));
    }

    [Fact]
    public async Task A_state_timeout_set_again_replaces_the_running_one_and_infinity_cancels_it()
    {
        await using var node = await ArborNode.StartAsync();
        var machine = await ScriptedMachine.StartAsync(node, new MachineScript
        {
            Event = (m, e) =>
            {
                switch (ScriptedMachine.Payload(e))
                {
                    case "arm":
                        m.StateTimeout(TimeSpan.Zero, "replaced");
                        m.NextEvent("rearm");
                        break;
                    case "rearm":
                        m.StateTimeout(TimeSpan.Zero, "kept");
                        break;
                    case "arm-cancel":
                        m.StateTimeout(TimeSpan.Zero, "cancelled");
                        m.NextEvent("cancel");
                        break;
                    case "cancel":
                        m.CancelStateTimeout();
                        m.Me.Send("marker");
                        break;
                }

                return default;
            },
        });

        machine.Tell("arm");
        Assert.Equal(new[] { "enter a from a", "cast arm in a", "internal rearm in a", "state_timeout kept in a" }, await machine.NextAsync(4));

        machine.Tell("arm-cancel");
        Assert.Equal(new[] { "cast arm-cancel in a", "internal cancel in a", "info marker in a" }, await machine.NextAsync(3));
    }

    [Fact]
    public async Task A_state_timeout_set_by_the_transition_that_changes_state_runs_in_the_new_state()
    {
        await using var node = await ArborNode.StartAsync();
        var machine = await ScriptedMachine.StartAsync(node, new MachineScript
        {
            Event = (m, e) =>
            {
                if (ScriptedMachine.Payload(e) is "go")
                {
                    m.StateTimeout(TimeSpan.Zero, "in b");
                    m.GoTo("b");
                }

                return default;
            },
        });

        machine.Tell("go");

        Assert.Equal(new[] { "enter a from a", "cast go in a", "enter b from a", "state_timeout in b in b" }, await machine.NextAsync(4));
    }

    [Fact]
    public async Task An_event_timeout_fires_when_no_event_arrives_and_any_event_cancels_it()
    {
        await using var node = await ArborNode.StartAsync();
        var machine = await ScriptedMachine.StartAsync(node, new MachineScript
        {
            Event = (m, e) =>
            {
                switch (ScriptedMachine.Payload(e))
                {
                    case "quiet":
                        m.EventTimeout(TimeSpan.Zero, "idle");
                        break;
                    case "busy":
                        // A message queued before the timeout's event arrives first and cancels it.
                        m.Me.Send("poke");
                        m.EventTimeout(TimeSpan.Zero, "never");
                        break;
                    case "poke":
                        m.Me.Send("marker");
                        break;
                }

                return default;
            },
        });

        machine.Tell("quiet");
        Assert.Equal(new[] { "enter a from a", "cast quiet in a", "event_timeout idle in a" }, await machine.NextAsync(3));

        machine.Tell("busy");
        Assert.Equal(new[] { "cast busy in a", "info poke in a", "info marker in a" }, await machine.NextAsync(3));
    }

    [Fact]
    public async Task An_event_timeout_is_not_started_while_inserted_events_wait()
    {
        await using var node = await ArborNode.StartAsync();
        var machine = await ScriptedMachine.StartAsync(node, new MachineScript
        {
            Event = (m, e) =>
            {
                switch (ScriptedMachine.Payload(e))
                {
                    case "go":
                        m.EventTimeout(TimeSpan.Zero, "never");
                        m.NextEvent("inserted");
                        break;
                    case "inserted":
                        m.Me.Send("marker");
                        break;
                }

                return default;
            },
        });

        machine.Tell("go");

        Assert.Equal(new[] { "enter a from a", "cast go in a", "internal inserted in a", "info marker in a" }, await machine.NextAsync(4));
    }

    [Fact]
    public async Task A_generic_timeout_survives_state_changes_and_events()
    {
        await using var node = await ArborNode.StartAsync();
        var machine = await ScriptedMachine.StartAsync(node, new MachineScript
        {
            Event = (m, e) =>
            {
                switch (ScriptedMachine.Payload(e))
                {
                    case "go":
                        m.StartTimeout("retry", TimeSpan.FromMilliseconds(20), "again");
                        m.GoTo("b");
                        m.NextEvent("busy");
                        break;
                    case "busy":
                        m.GoTo("c");
                        break;
                }

                return default;
            },
        });

        machine.Tell("go");

        Assert.Equal(
            new[] { "enter a from a", "cast go in a", "enter b from a", "internal busy in b", "enter c from b", "timeout:retry again in c" },
            await machine.NextAsync(6));
    }

    [Fact]
    public async Task A_generic_timeout_can_be_cancelled_and_updated()
    {
        await using var node = await ArborNode.StartAsync();
        var machine = await ScriptedMachine.StartAsync(node, new MachineScript
        {
            Event = (m, e) =>
            {
                switch (ScriptedMachine.Payload(e))
                {
                    case "cancel":
                        m.StartTimeout("t", TimeSpan.Zero, "cancelled");
                        m.CancelTimeout("t");
                        break;
                    case "update-running":
                        m.StartTimeout("u", TimeSpan.Zero, "old");
                        m.UpdateTimeout("u", "new");
                        break;
                    case "update-idle":
                        // No timer named "v" runs: the update delivers its event at once.
                        m.UpdateTimeout("v", "now");
                        break;
                }

                return default;
            },
        });

        // The cancelled timeout's event was queued first: were it not dropped, it would come before "u".
        machine.Tell("cancel");
        machine.Tell("update-running");
        Assert.Equal(new[] { "enter a from a", "cast cancel in a", "cast update-running in a", "timeout:u new in a" }, await machine.NextAsync(4));

        machine.Tell("update-idle");
        Assert.Equal(new[] { "cast update-idle in a", "timeout:v now in a" }, await machine.NextAsync(2));
    }

    [Fact]
    public async Task A_negative_timeout_is_refused()
    {
        await using var node = await ArborNode.StartAsync();
        var started = await StateMachineStarts.TryStartAsync(node, new MachineScript { Constructor = m => m.StateTimeout(TimeSpan.FromSeconds(-1)) });

        Assert.IsType<ArgumentOutOfRangeException>(started.Reason?.Exception);
    }
}
