using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Arbor.GeneratorCost;
using Arbor.Generators;
using Arbor.RoslynTesting.Generators;

// How long the Arbor generator takes for a project of 500 GenServers with 10 handlers each.
// - full run: a fresh driver over a fresh compilation (finding the [GenServer] classes, binding their members, parsing
//   to models, emitting and parsing 500 generated files);
// - incremental: the same driver after one server's handler body, or one handler's signature, was edited.
// Wall-clock times include Roslyn's lazily built compilation state (symbol tables, binding), which the generator is
// the first to touch; "generator steps" is the time the driver attributes to this generator's own pipeline steps.
// Usage: dotnet run -c Release --project benchmarks/GeneratorCost [servers] [iterations]
var servers = args.Length > 0 ? int.Parse(args[0]) : 500;
var iterations = args.Length > 1 ? int.Parse(args[1]) : 10;

Console.WriteLine($"Generating for {servers} GenServers x {LargeProject.HandlersPerServer} handlers; {iterations} iterations after one warm-up; {Environment.ProcessorCount} cores.");

var cold = FullRun(servers);
var full = Measure(iterations, () => FullRun(servers));
var baseline = GeneratorRun.Start(new GenServerGenerator(), LargeProject.Create(servers));
var bodyEdits = Measure(iterations, () => EditAndRerun(baseline, "=> _count = 0;", "=> _count = -0;"));
var signatureEdits = Measure(iterations, () => EditAndRerun(baseline, "[Cast] public void Reset()", "[Cast] public void Clear()"));

Console.WriteLine($"generated files: {baseline.GeneratedSources.Count}");
Console.WriteLine("                                        wall median   wall min   generator steps (median)");
Console.WriteLine($"full run, first in the process (JIT)    {cold.Wall,11:0} ms {"",10}   {cold.Steps,8:0} ms");
Report("full run", full);
Report("incremental, handler body edited", bodyEdits);
Report("incremental, signature edited", signatureEdits);

static void Report(string what, List<(double Wall, double Steps)> samples) =>
    Console.WriteLine($"{what,-38}  {Median(samples.Select(s => s.Wall)),11:0} ms {samples.Min(s => s.Wall),7:0} ms   {Median(samples.Select(s => s.Steps)),8:0} ms");

static (double Wall, double Steps) FullRun(int servers)
{
    // The compilation is created outside the timed region: the user's project exists before the generator runs.
    var compilation = LargeProject.Create(servers);
    var watch = Stopwatch.StartNew();
    var run = GeneratorRun.Start(new GenServerGenerator(), compilation);
    watch.Stop();
    if (run.Exceptions.Any() || !run.GeneratorDiagnostics.IsEmpty || run.GeneratedSources.Count != servers)
    {
        throw new InvalidOperationException("The generator did not produce one clean file per server.");
    }

    return (watch.Elapsed.TotalMilliseconds, StepTime(run));
}

static (double Wall, double Steps) EditAndRerun(GeneratorRun baseline, string find, string replace)
{
    var tree = baseline.Input.SyntaxTrees.First();
    var edited = baseline.Input.ReplaceSyntaxTree(tree, SourceCompilation.Parse(tree.ToString().Replace(find, replace), tree.FilePath));
    var watch = Stopwatch.StartNew();
    var run = baseline.RunAgain(edited);
    watch.Stop();
    return (watch.Elapsed.TotalMilliseconds, StepTime(run));
}

static double StepTime(GeneratorRun run) =>
    run.Result.Results.Sum(result => result.TrackedSteps.Values.Sum(runs => runs.Sum(step => step.ElapsedTime.TotalMilliseconds)));

static List<(double Wall, double Steps)> Measure(int count, Func<(double, double)> once)
{
    once();
    return Enumerable.Range(0, count).Select(_ => once()).ToList();
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.OrderBy(value => value).ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
