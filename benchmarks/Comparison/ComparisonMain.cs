using System;
using System.Globalization;
using System.Threading.Tasks;

namespace Arbor.Comparison;

/// <summary>The command line every comparison program shares: <c>run [scale] [rounds]</c> or <c>memory [count]</c>.</summary>
public static class ComparisonMain
{
    /// <summary>Parses <paramref name="args"/> and runs the workloads or the memory measurement for <paramref name="create"/>.</summary>
    public static async Task<int> RunAsync(string[] args, Func<IComparedRuntime> create)
    {
        switch (args)
        {
            case ["run", ..]:
                var scale = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 0.2;
                var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
                await ComparisonRun.RunAsync(create, scale, rounds);
                return 0;
            case ["memory", ..]:
                var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
                await ComparisonRun.MeasureMemoryAsync(create, count);
                return 0;
            default:
                Console.Error.WriteLine("usage: run [scale] [rounds] | memory [count]");
                return 2;
        }
    }
}
