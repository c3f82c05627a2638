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
// the first to touch; "generator steps" is the time the driver attributes to this generator's own pipeline steps;
// "CPU" is the process's processor time for the run, which is what to quote when the machine is shared and busy.
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
Console.WriteLine("                                        wall median   wall min   steps median   CPU median");
Console.WriteLine($"full run, first in the process (JIT)    {cold.Wall,11:0} ms {"",10}   {cold.Steps,9:0} ms   {cold.Cpu,7:0} ms");
Report("full run", full);
Report("incremental, handler body edited", bodyEdits);
Report("incremental, signature edited", signatureEdits);

static void Report(string what, List<Sample> samples) =>
    Console.WriteLine($"{what,-38}  {Median(samples.Select(s => s.Wall)),11:0} ms {samples.Min(s => s.Wall),7:0} ms   {Median(samples.Select(s => s.Steps)),9:0} ms   {Median(samples.Select(s => s.Cpu)),7:0} ms");

static Sample FullRun(int servers)
{
    // The compilation is created outside the timed region: the user's project exists before the generator runs.
    var compilation = LargeProject.Create(servers);
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    var run = GeneratorRun.Start(new GenServerGenerator(), compilation);
    watch.Stop();
    cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
    if (run.Exceptions.Any() || !run.GeneratorDiagnostics.IsEmpty || run.GeneratedSources.Count != servers)
    {
        throw new InvalidOperationException("The generator did not produce one clean file per server.");
    }

    return new Sample(watch.Elapsed.TotalMilliseconds, StepTime(run), cpu.TotalMilliseconds);
}

static Sample EditAndRerun(GeneratorRun baseline, string find, string replace)
{
    var tree = baseline.Input.SyntaxTrees.First();
    var edited = baseline.Input.ReplaceSyntaxTree(tree, SourceCompilation.Parse(tree.ToString().Replace(find, replace), tree.FilePath));
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    var run = baseline.RunAgain(edited);
    watch.Stop();
    cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
    return new Sample(watch.Elapsed.TotalMilliseconds, StepTime(run), cpu.TotalMilliseconds);
}

static double StepTime(GeneratorRun run) =>
    run.Result.Results.Sum(result => result.TrackedSteps.Values.Sum(runs => runs.Sum(step => step.ElapsedTime.TotalMilliseconds)));

static List<Sample> Measure(int count, Func<Sample> once)
{
    once();
    return Enumerable.Range(0, count).Select(_ => once()).ToList();
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.OrderBy(value => value).ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

/// <summary>One timed run: wall-clock, the generator's tracked step time, and process CPU time (all in ms).</summary>
internal readonly record struct Sample(double Wall, double Steps, double Cpu);
