using System;
using System.Linq;
using System.Threading.Tasks;
using Arbor.Generators.Tests.Support;
using Arbor.RoslynTesting.Generators;
using Microsoft.CodeAnalysis;

namespace Arbor.Generators.Tests.StateMachines;

/// <summary>The [StateMachine] generator: clean output, the snapshot, a run on the real runtime, and the diagram.</summary>
public sealed class StateMachineGeneratorTests
{
    [Fact]
    public void The_door_lock_generates_code_that_compiles_cleanly_and_matches_its_snapshot()
    {
        var run = StateMachineGeneration.Clean(StateMachineSources.DoorLock);

        Snapshot.Match("StateMachineDoorLock", run.Single());
    }

    [Fact]
    public async Task The_generated_client_child_spec_and_dispatch_run_the_machine()
    {
        var run = StateMachineGeneration.Clean(StateMachineSources.DoorLock);
        using var assembly = LoadedAssembly.Load(run.Output);
        await using var node = await ArborNode.StartAsync();

        var transcript = await assembly.GetStatic<Func<ArborNode, Task<string>>>("EndToEnd.Scenarios", "CodeLock")(node);

        Assert.Equal(
            "Locked locked from Locked | Open locked from Locked, open | relocked | " +
            "Locked locked from Locked, open, pressed while open 9, timeout relock, locked from Open | True False True | " +
            "Locked locked from Locked, open, pressed while open 9, timeout relock, locked from Open, locked from Suspended",
            transcript);
    }

    [Fact]
    public async Task Dirty_handlers_run_on_the_dirty_schedulers_as_their_machine()
    {
        var run = StateMachineGeneration.Clean(StateMachineSources.Dirty);
        using var assembly = LoadedAssembly.Load(run.Output);
        await using var node = await ArborNode.StartAsync();

        var transcript = await assembly.GetStatic<Func<ArborNode, Task<string>>>("EndToEnd.Scenarios", "DirtyMachine")(node);

        Assert.Equal(
            "dirty 3 | plain | Idle poke 7 dirty, enter dirty from Idle, rest dirty | dirty | Crash dirty machine boom",
            transcript);
    }

    [Fact]
    public void The_diagram_constant_draws_the_initial_state_and_each_state_change_with_its_event()
    {
        var run = StateMachineGeneration.Clean(StateMachineSources.DoorLock);
        var diagram = StateMachineGeneration.Diagram(run);

        Assert.Equal(
            "stateDiagram-v2\n" +
            "    [*] --> Locked\n" +
            "    Locked --> Open : Press\n" +
            "    Open --> Locked : state timeout\n" +
            "    Locked --> Locked : Lock\n" +
            "    Open --> Locked : Lock\n" +
            "    Locked --> Suspended : Suspend\n" +
            "    Open --> Suspended : Suspend\n" +
            "    Suspended --> Locked : Resume\n",
            diagram);
    }

    [Fact]
    public void Unrelated_edits_leave_the_state_machine_steps_cached()
    {
        var run = Arbor.RoslynTesting.Generators.GeneratorRun.Start(new StateMachineGenerator(), SourceCompilation.Create("Arbor.Generated.Tests", StateMachineSources.DoorLock));
        var edited = run.Input.AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("public static class Unrelated { }", (Microsoft.CodeAnalysis.CSharp.CSharpParseOptions)run.Input.SyntaxTrees.First().Options));

        var again = run.RunAgain(edited);

        Assert.All(
            again.StepReasons(StateMachineGenerator.TrackingNames.Models),
            step => Assert.True(step.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step.Step}: {step.Reason}"));
    }
}
