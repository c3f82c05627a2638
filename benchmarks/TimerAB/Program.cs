using System;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace Arbor.TimerAB;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/TimerAB -- BASE_ARBOR_DLL [BenchmarkDotNet arguments]</c>: runs
/// <see cref="TimerABBenchmarks"/> as two short jobs in one run, "head" (this checkout) and "base" (the given Arbor.dll).
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: dotnet run -c Release --project benchmarks/TimerAB -- /path/to/baseline/Arbor.dll [BenchmarkDotNet arguments]");
            Environment.ExitCode = 2;
            return;
        }

        var config = DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithId("head").AsBaseline())
            .AddJob(Job.ShortRun.WithId("base").WithArguments([new MsBuildArgument("/p:ArborBaseline=" + args[0])]));
        BenchmarkRunner.Run<TimerABBenchmarks>(config, args[1..]);
    }
}
