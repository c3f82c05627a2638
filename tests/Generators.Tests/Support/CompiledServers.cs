using System;
using System.Threading.Tasks;
using Arbor.RoslynTesting.Generators;

namespace Arbor.Generators.Tests.Support;

/// <summary>
/// Compiles the end-to-end GenServers and scenarios in <see cref="EndToEndSource"/>
/// with the generator once per test class and loads them, so each test only runs a scenario.
/// </summary>
public sealed class CompiledServers : IDisposable
{
    private readonly LoadedAssembly _assembly;

    public CompiledServers()
    {
        var run = Generate.Clean(EndToEndSource.Servers, EndToEndSource.Scenarios);
        _assembly = LoadedAssembly.Load(run.Output);
    }

    /// <summary>Runs <c>Scenarios.{name}(node)</c> from the compiled source; scenarios return a transcript to assert on.</summary>
    public Task<string> Run(string name, ArborNode node) =>
        _assembly.GetStatic<Func<ArborNode, Task<string>>>("EndToEnd.Scenarios", name)(node);

    public void Dispose() => _assembly.Dispose();
}
