using BenchmarkDotNet.Running;

namespace Arbor.Benchmarks;

/// <summary>Runs the BenchmarkDotNet suite: <c>dotnet run -c Release --project benchmarks/Arbor.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
