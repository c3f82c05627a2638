using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Arbor.AnalyzerCost;

// Usage: dotnet run -c Release --project benchmarks/AnalyzerCost -- [servers=500] [rounds=5] [--serial]
// Compiles a synthetic project of N GenServers with the real csc (plus the Arbor generator), with and without the
// Arbor analyzers, alternating the two so machine noise hits both alike, and reports the median added time.
// Target (issue 5): under 20% added to compile time. Exit code 1 when the CPU-time median misses it.
var servers = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
var rounds = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
const int WarmupRounds = 1;

var serial = args.Contains("--serial");
var files = SyntheticProject.Create(servers);
var csc = new CscRun(files, serial);
Console.WriteLine($"Synthetic project: {servers} GenServers, {files.Count} files, {files.Sum(f => f.Text.Split('\n').Length):N0} lines; {Environment.ProcessorCount} cores; csc {(serial ? "/parallel- (single thread)" : "concurrent (as in a build)")}");

var without = new List<CscResult>();
var with = new List<CscResult>();
for (var round = 0; round < WarmupRounds + rounds; round++)
{
    // Alternate the order too, so neither side always runs first after the other.
    var first = round % 2 == 0;
    var a = csc.Compile(withAnalyzers: !first);
    var b = csc.Compile(withAnalyzers: first);
    var (plain, analysed) = first ? (b, a) : (a, b);
    var measured = round >= WarmupRounds;
    Console.WriteLine($"  round {round + 1}{(measured ? string.Empty : " (warm-up)")}: without {plain.Wall.TotalSeconds,6:N2} s wall / {plain.Cpu.TotalSeconds,6:N2} s CPU; with analyzers {analysed.Wall.TotalSeconds,6:N2} s wall / {analysed.Cpu.TotalSeconds,6:N2} s CPU");
    if (measured)
    {
        without.Add(plain);
        with.Add(analysed);
    }
}

var wallWithout = Median(without.Select(r => r.Wall.TotalSeconds));
var wallWith = Median(with.Select(r => r.Wall.TotalSeconds));
var cpuWithout = Median(without.Select(r => r.Cpu.TotalSeconds));
var cpuWith = Median(with.Select(r => r.Cpu.TotalSeconds));
Console.WriteLine();
Console.WriteLine($"Median csc without analyzers: {wallWithout,6:N2} s wall, {cpuWithout,6:N2} s CPU");
Console.WriteLine($"Median csc with analyzers:    {wallWith,6:N2} s wall, {cpuWith,6:N2} s CPU");
Console.WriteLine($"Added by the analyzers:       {(wallWith - wallWithout) / wallWithout,7:P1} wall, {(cpuWith - cpuWithout) / cpuWithout,7:P1} CPU (target < 10%)");

// csc's own account of where analyzer time goes.
var report = csc.Compile(withAnalyzers: true, reportAnalyzer: true);
Console.WriteLine();
Console.WriteLine("csc /reportanalyzer (one run):");
foreach (var line in report.Output.Split('\n').Where(l => l.Contains("Analyzer", StringComparison.Ordinal) || l.Contains("Generator", StringComparison.Ordinal) || l.Contains("Total", StringComparison.Ordinal)))
{
    Console.WriteLine("  " + line.TrimEnd());
}

var warnings = report.Output.Split('\n').Count(l => l.Contains(": warning ARB", StringComparison.Ordinal) || l.Contains(": info ARB", StringComparison.Ordinal));
Console.WriteLine($"Arbor diagnostics reported on the synthetic project: {warnings}");
return (cpuWith - cpuWithout) / cpuWithout < 0.10 ? 0 : 1;

static double Median(IEnumerable<double> values)
{
    var sorted = values.OrderBy(v => v).ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}
