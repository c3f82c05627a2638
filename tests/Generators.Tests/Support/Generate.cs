using System.Linq;
using Arbor.RoslynTesting.Generators;
using Microsoft.CodeAnalysis;

namespace Arbor.Generators.Tests.Support;

/// <summary>Runs the Arbor generator over test sources.</summary>
internal static class Generate
{
    public static GeneratorRun From(params string[] sources) =>
        GeneratorRun.Start(new GenServerGenerator(), SourceCompilation.Create("Arbor.Generated.Tests", sources));

    /// <summary>Fails with the offending diagnostics and generated code when a run is not clean.</summary>
    public static GeneratorRun Clean(params string[] sources)
    {
        var run = From(sources);
        Assert.Empty(run.Exceptions);
        Assert.True(run.GeneratorDiagnostics.IsEmpty, "Generator diagnostics: " + string.Join("\n", run.GeneratorDiagnostics));
        // Test sources skip XML docs on purpose; generated code must have them (documentation mode is Diagnose).
        var problems = run.CompilationDiagnostics
            .Where(diagnostic => !(diagnostic.Id == "CS1591" && run.Input.SyntaxTrees.Contains(diagnostic.Location.SourceTree)))
            .ToList();
        Assert.True(problems.Count == 0, "The output does not compile cleanly:\n" + string.Join("\n", problems) + "\n\n" + string.Join("\n\n", run.GeneratedSources.Values));
        return run;
    }

    public static string Single(this GeneratorRun run) => run.GeneratedSources.Values.Single();
}
