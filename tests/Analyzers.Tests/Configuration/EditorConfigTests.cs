using System.Threading.Tasks;
using Arbor.Analyzers.Tests.Support;
using Arbor.RoslynTesting.Analysis;
using Microsoft.CodeAnalysis;

namespace Arbor.Analyzers.Tests.Configuration;

/// <summary>Severities come from .editorconfig exactly as in a build: per id, per category, or off.</summary>
public sealed class EditorConfigTests
{
    private const string Source = """
        using System;
        using Arbor;

        namespace Shop;

        [GenServer]
        public partial class Counter
        {
            public Counter(int start) { try { Console.WriteLine(start); } {|#0:catch|} { } }
        }
        """;

    [Fact]
    public Task Severity_can_be_raised_to_error_per_rule() => RunAsync(
        "dotnet_diagnostic.ARB1001.severity = error",
        new ExpectedDiagnostic("ARB1001").At(0).WithSeverity(DiagnosticSeverity.Error));

    [Fact]
    public Task Severity_can_be_lowered_per_category() => RunAsync(
        "dotnet_analyzer_diagnostic.category-Arbor.Reliability.severity = suggestion",
        new ExpectedDiagnostic("ARB1001").At(0).WithSeverity(DiagnosticSeverity.Info));

    [Fact]
    public Task A_rule_can_be_turned_off() => RunAsync("dotnet_diagnostic.ARB1001.severity = none");

    [Fact]
    public Task The_compilation_end_info_rule_can_be_raised()
    {
        var test = new AnalyzerTest(new MissingChildSpecAnalyzer()).WithSource("""
            using Arbor;

            namespace Shop;

            [GenServer]
            public partial class {|#0:Counter|}
            {
                public Counter(int start) { }
            }
            """);
        test.Sources.Add(new TestSource("Generated.g.cs", GeneratedHalf.Counter()));
        test.AnalyzerConfigs.Add(Config("dotnet_diagnostic.ARB1008.severity = warning"));
        test.ExpectedDiagnostics.Add(new ExpectedDiagnostic("ARB1008").At(0).WithSeverity(DiagnosticSeverity.Warning));
        return test.RunAsync();
    }

    private static Task RunAsync(string setting, params ExpectedDiagnostic[] expected)
    {
        var test = Verify<CatchAllAnalyzer>.Test(Source, GeneratedHalf.Counter(), expected);
        test.AnalyzerConfigs.Add(Config(setting));
        return test.RunAsync();
    }

    private static TestSource Config(string setting) => new(".editorconfig", $"""
        root = true

        [*.cs]
        {setting}
        """);
}
