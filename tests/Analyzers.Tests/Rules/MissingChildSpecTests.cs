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
}
