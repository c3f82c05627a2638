using System.Linq;
using System.Reflection;
using Arbor.RoslynTesting.Generators;

namespace Arbor.Generators.Tests.StateMachines;

/// <summary>Runs the [StateMachine] generator over test sources.</summary>
internal static class StateMachineGeneration
{
    public static GeneratorRun From(params string[] sources) =>
        GeneratorRun.Start(new StateMachineGenerator(), SourceCompilation.Create("Arbor.Generated.Tests", sources));

    /// <summary>Fails with the offending diagnostics and generated code when a run is not clean.</summary>
    public static GeneratorRun Clean(params string[] sources)
    {
        var run = From(sources);
        Assert.Empty(run.Exceptions);
        Assert.True(run.GeneratorDiagnostics.IsEmpty, "Generator diagnostics: " + string.Join("\n", run.GeneratorDiagnostics));
        var problems = run.CompilationDiagnostics
            .Where(diagnostic => !(diagnostic.Id == "CS1591" && run.Input.SyntaxTrees.Contains(diagnostic.Location.SourceTree)))
            .ToList();
        Assert.True(problems.Count == 0, "The output does not compile cleanly:\n" + string.Join("\n", problems) + "\n\n" + string.Join("\n\n", run.GeneratedSources.Values));
        return run;
    }

    /// <summary>The generated <c>StateDiagram</c> constant of the door lock.</summary>
    public static string Diagram(GeneratorRun run)
    {
        using var assembly = LoadedAssembly.Load(run.Output);
        var field = assembly.Assembly.GetType("EndToEnd.DoorLock")!.GetField("StateDiagram", BindingFlags.Public | BindingFlags.Static)!;
        return (string)field.GetRawConstantValue()!;
    }
}
