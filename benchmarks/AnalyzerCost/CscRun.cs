using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Arbor.RoslynTesting;
using Microsoft.CodeAnalysis;

namespace Arbor.AnalyzerCost;

/// <summary>
/// Compiles the synthetic project with the SDK's own command-line compiler (csc, in a fresh process, no compiler
/// server), exactly as a build does: sources, the net10.0 reference pack plus Arbor.dll, the Arbor generator, and
/// optionally the Arbor analyzers. Wall and CPU time come from <c>/usr/bin/time</c>.
/// </summary>
internal sealed class CscRun
{
    private readonly string _directory;
    private readonly string _csc;

    public CscRun(IReadOnlyList<(string Path, string Text)> files, bool serial)
    {
        _directory = Path.Combine(Path.GetTempPath(), "arbor-analyzer-cost", files.Count.ToString(CultureInfo.InvariantCulture));
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        foreach (var (path, text) in files)
        {
            var full = Path.Combine(_directory, "src", path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }

        _csc = FindCsc();
        WriteResponseFile("without.rsp", files, withAnalyzers: false, serial);
        WriteResponseFile("with.rsp", files, withAnalyzers: true, serial);
    }

    /// <summary>Compiles once; <paramref name="reportAnalyzer"/> adds csc's per-analyzer timing report to the output.</summary>
    public CscResult Compile(bool withAnalyzers, bool reportAnalyzer = false)
    {
        var timeFile = Path.Combine(_directory, "time.txt");
        var start = new ProcessStartInfo("/usr/bin/time")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _directory,
        };
        foreach (var argument in new[] { "-f", "%e %U %S", "-o", timeFile, "dotnet", "exec", _csc, "@" + (withAnalyzers ? "with.rsp" : "without.rsp") })
        {
            start.ArgumentList.Add(argument);
        }

        if (reportAnalyzer)
        {
            start.ArgumentList.Add("/reportanalyzer");
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"csc failed ({process.ExitCode}):{Environment.NewLine}{output.Result}{error.Result}");
        }

        var times = File.ReadAllText(timeFile).Trim().Split(' ').Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        return new CscResult(TimeSpan.FromSeconds(times[0]), TimeSpan.FromSeconds(times[1] + times[2]), output.Result);
    }

    private void WriteResponseFile(string name, IReadOnlyList<(string Path, string Text)> files, bool withAnalyzers, bool serial)
    {
        var rsp = new StringBuilder();
        rsp.AppendLine("/nologo /noconfig /target:library /langversion:latest /nullable:enable /deterministic /optimize+");
        if (serial)
        {
            // One thread for compiler and analyzers: CPU time is then the work done, without parallel spin-waits.
            rsp.AppendLine("/parallel-");
        }

        rsp.AppendLine("/out:" + Quote(Path.Combine(_directory, withAnalyzers ? "with.dll" : "without.dll")));
        foreach (var reference in ReferenceAssemblies.NetWithArbor.OfType<PortableExecutableReference>())
        {
            rsp.AppendLine("/reference:" + Quote(reference.FilePath!));
        }

        rsp.AppendLine("/analyzer:" + Quote(typeof(Arbor.Generators.GenServerGenerator).Assembly.Location));
        if (withAnalyzers)
        {
            rsp.AppendLine("/analyzer:" + Quote(typeof(Arbor.Analyzers.CatchAllAnalyzer).Assembly.Location));
        }

        foreach (var (path, _) in files)
        {
            rsp.AppendLine(Quote(Path.Combine(_directory, "src", path)));
        }

        File.WriteAllText(Path.Combine(_directory, name), rsp.ToString());
    }

    private static string Quote(string path) => "\"" + path + "\"";

    /// <summary>The running SDK's csc.dll: &lt;dotnet root&gt;/sdk/&lt;version&gt;/Roslyn/bincore/csc.dll (the newest SDK).</summary>
    private static string FindCsc()
    {
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        return Directory.GetDirectories(Path.Combine(dotnetRoot, "sdk"))
            .Select(sdk => Path.Combine(sdk, "Roslyn", "bincore", "csc.dll"))
            .Where(File.Exists)
            .OrderByDescending(path => path, StringComparer.Ordinal)
            .FirstOrDefault()
            ?? throw new InvalidOperationException($"No csc.dll under {dotnetRoot}/sdk.");
    }
}

/// <summary>The outcome of one csc run.</summary>
internal sealed record CscResult(TimeSpan Wall, TimeSpan Cpu, string Output);
