using System.Threading.Tasks;
using Arbor.Analyzers.Tests.Support;
using Arbor.RoslynTesting.Analysis;

namespace Arbor.Analyzers.Tests.Rules;

public sealed class MissingChildSpecTests
{
    [Fact]
    public Task A_GenServer_no_child_spec_references_is_reported_as_info() => Verify<MissingChildSpecAnalyzer>.AnalyzerAsync(
        Snippets.Usings + """
        [GenServer]
        public partial class {|#0:Counter|}
        {
            public Counter(int start) { }
        }

        public static class Program
        {
            public static async Task Main(ArborNode node) => await Counter.StartAsync(node, 0);
        }
        """,
        new ExpectedDiagnostic("ARB1008").At(0).WithMessage("No child spec in this compilation references GenServer 'Counter'; it can only run unsupervised"));

    [Fact]
    public Task Generated_child_spec_use_counts() => Verify<MissingChildSpecAnalyzer>.AnalyzerAsync(Snippets.Usings + """
        [GenServer]
        public partial class Counter
        {
            public Counter(int start) { }
        }

        public static class App
        {
            public static ChildSpec[] Children() => new[] { Counter.ChildSpec(0, name: "counter") };
        }
        """);

    [Fact]
    public Task Method_group_reference_counts() => Verify<MissingChildSpecAnalyzer>.AnalyzerAsync(Snippets.Usings + """
        [GenServer]
        public partial class Counter
        {
            public Counter(int start) { }
        }

        public static class App
        {
            public static Func<int, string?, string?, Restart, Shutdown?, bool, ChildSpec> Factory() => Counter.ChildSpec;
        }
        """);

    [Fact]
    public Task Hand_written_child_spec_that_starts_it_counts() => Verify<MissingChildSpecAnalyzer>.AnalyzerAsync(Snippets.Usings + """
        [GenServer]
        public partial class Counter
        {
            public Counter(int start) { }
        }

        public static class App
        {
            public static ChildSpec Spec() =>
                new("counter", context => GenServer.StartAsync(context.Node, () => new Counter(0), new StartOptions { Link = true }));
        }
        """);

    [Fact]
    public Task Abstract_servers_and_plain_classes_are_ignored() => Verify<MissingChildSpecAnalyzer>.AnalyzerAsync(Snippets.Usings + """
        [GenServer]
        public abstract partial class Counter
        {
            protected Counter(int start) { }
        }

        public class Plain { }
        """);

    [Fact]
    public Task Started_linked_from_a_process_counts() => Verify<MissingChildSpecAnalyzer>.AnalyzerAsync(Snippets.Usings + """
        [GenServer]
        public partial class Counter
        {
            public Counter(int start) { }
        }

        public static class Helper
        {
            public static async Task Run(ArborNode node) => await Counter.StartLinkAsync(node, 0);
        }
        """);

    [Fact]
    public async Task In_an_application_the_finding_is_a_warning_so_a_command_line_build_shows_it()
    {
        var compilation = Arbor.RoslynTesting.Generators.SourceCompilation.Create("App", Snippets.Usings + """
            [GenServer]
            public partial class Counter
            {
                public Counter(int start) { }
            }

            public static class Program
            {
                public static void Main() { }
            }
            """, GeneratedHalf.Counter());
        var application = compilation.WithOptions(compilation.Options.WithOutputKind(Microsoft.CodeAnalysis.OutputKind.ConsoleApplication));

        var diagnostics = await AnalyzerRunner.GetDiagnosticsAsync(application, [new MissingChildSpecAnalyzer()], analyzerOptions: null);
        var library = await AnalyzerRunner.GetDiagnosticsAsync(compilation, [new MissingChildSpecAnalyzer()], analyzerOptions: null);

        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, Assert.Single(diagnostics).Severity);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Info, Assert.Single(library).Severity);
    }
}
