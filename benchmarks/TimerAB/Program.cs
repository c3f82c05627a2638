using System;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace Arbor.TimerAB;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/TimerAB -- BASE_ARBOR_DLL HEAD_ARBOR_DLL [BenchmarkDotNet arguments]</c>:
/// runs <see cref="TimerABBenchmarks"/> as two short jobs (BenchmarkDotNet's <c>--job short</c> settings) in one run,
/// "base" and "head", each against an Arbor.dll built beforehand (so neither job builds Arbor, which under load can
/// overrun BenchmarkDotNet's build timeout).
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: dotnet run -c Release --project benchmarks/TimerAB -- /path/to/base/Arbor.dll /path/to/head/Arbor.dll [BenchmarkDotNet arguments]");
            Environment.ExitCode = 2;
            return;
        }

        var config = ManualConfig.Create(DefaultConfig.Instance)
            .WithBuildTimeout(TimeSpan.FromMinutes(15))
            .AddJob(Job.ShortRun.WithId("base").WithArguments([new MsBuildArgument("/p:ArborBaseline=" + args[0])]).AsBaseline())
            .AddJob(Job.ShortRun.WithId("head").WithArguments([new MsBuildArgument("/p:ArborBaseline=" + args[1])]));
        BenchmarkRunner.Run<TimerABBenchmarks>(config, args[2..]);
    }
}
