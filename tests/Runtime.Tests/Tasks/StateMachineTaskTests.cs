using System;
using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.StateMachines;
using Arbor.Tasks;

namespace Arbor.Runtime.Tests.Tasks;

public sealed class StateMachineTaskTests
{
    [Fact]
    public async Task A_state_machine_receives_its_tasks_results_and_failures_as_info_events()
    {
        await using var node = await ArborNode.StartAsync();
        var machine = await ScriptedMachine.StartAsync(node, new MachineScript
        {
            Event = (m, e) =>
            {
                if (ScriptedMachine.Payload(e) is "go")
                {
                    m.StartTask(_ => Task.FromResult(7), TaskLink.Unlinked);
                    m.StartTask<int>(_ => throw new InvalidOperationException("no"), TaskLink.Unlinked);
                }

                return default;
            },
        });
        Assert.Equal("enter a from a", await machine.NextAsync());

        machine.Tell("go");

        Assert.Equal("cast go in a", await machine.NextAsync());
        var outcomes = await machine.NextAsync(2);
        Assert.Contains(outcomes, line => line.StartsWith("info TaskCompleted", StringComparison.Ordinal) && line.Contains("Result = 7", StringComparison.Ordinal));
        Assert.Contains(outcomes, line => line.StartsWith("info TaskFailed", StringComparison.Ordinal) && line.Contains("no", StringComparison.Ordinal));
        Assert.True(machine.Pid.IsAlive);
    }
}
