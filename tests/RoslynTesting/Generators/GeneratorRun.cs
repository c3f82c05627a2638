using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Arbor.RoslynTesting.Generators;

/// <summary>
/// Runs an incremental generator through <see cref="CSharpGeneratorDriver"/> with step tracking on, and keeps the
/// driver so a second run over an edited compilation shows what the pipeline cached.
/// </summary>
public sealed class GeneratorRun
{
    private GeneratorRun(GeneratorDriver driver, Compilation input, Compilation output, ImmutableArray<Diagnostic> generatorDiagnostics)
    {
        Driver = driver;
        Input = input;
        Output = output;
        GeneratorDiagnostics = generatorDiagnostics;
        Result = driver.GetRunResult();
    }

    /// <summary>The driver after this run (holds the incremental state).</summary>
    public GeneratorDriver Driver { get; }

    /// <summary>The compilation the generator saw.</summary>
    public Compilation Input { get; }

    /// <summary>The compilation with the generated sources added.</summary>
    public Compilation Output { get; }

    /// <summary>Diagnostics the generator reported.</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics { get; }

    /// <summary>The driver's run result (generated sources, tracked steps, exceptions).</summary>
    public GeneratorDriverRunResult Result { get; }

    /// <summary>Exceptions any generator threw (the driver turns them into a warning; tests want them loud).</summary>
    public IEnumerable<Exception> Exceptions => Result.Results.Select(result => result.Exception).OfType<Exception>();

    /// <summary>Errors and warnings of the output compilation (user code plus generated code).</summary>
    public ImmutableArray<Diagnostic> CompilationDiagnostics =>
        Output.GetDiagnostics().Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();

    /// <summary>The generated sources by hint name.</summary>
    public IReadOnlyDictionary<string, string> GeneratedSources =>
        Result.Results.SelectMany(result => result.GeneratedSources).ToDictionary(source => source.HintName, source => source.SourceText.ToString());

    /// <summary>Runs <paramref name="generator"/> over <paramref name="compilation"/> from scratch.</summary>
    public static GeneratorRun Start(IIncrementalGenerator generator, Compilation compilation)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { generator.AsSourceGenerator() },
            parseOptions: SourceCompilation.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        return Execute(driver, compilation);
    }

    /// <summary>Runs the same driver again over <paramref name="edited"/>, reusing this run's incremental state.</summary>
    public GeneratorRun RunAgain(Compilation edited) => Execute(Driver, edited);

    /// <summary>
    /// The reasons of every output of the tracked steps with these names in this run. After an edit that does not touch
    /// the generator's inputs they should all be <see cref="IncrementalStepRunReason.Cached"/> or <see cref="IncrementalStepRunReason.Unchanged"/>.
    /// </summary>
    public IReadOnlyList<(string Step, IncrementalStepRunReason Reason)> StepReasons(params string[] stepNames)
    {
        var reasons = new List<(string, IncrementalStepRunReason)>();
        foreach (var result in Result.Results)
        {
            foreach (var stepName in stepNames)
            {
                if (!result.TrackedSteps.TryGetValue(stepName, out var runs))
                {
                    continue;
                }

                foreach (var run in runs)
                {
                    foreach (var (_, reason) in run.Outputs)
                    {
                        reasons.Add((stepName, reason));
                    }
                }
            }
        }

        return reasons;
    }

    /// <summary>The outputs of every tracked step (for walking the values a pipeline holds).</summary>
    public IEnumerable<object> TrackedOutputs(string stepName) =>
        Result.Results
            .SelectMany(result => result.TrackedSteps.TryGetValue(stepName, out var runs) ? runs : ImmutableArray<IncrementalGeneratorRunStep>.Empty)
            .SelectMany(run => run.Outputs)
            .Select(output => output.Value);

    private static GeneratorRun Execute(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new GeneratorRun(driver, compilation, output, diagnostics);
    }
}
