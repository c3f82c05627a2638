using System.Threading.Tasks;
using Arbor.Analyzers.Tests.Support;
using Arbor.RoslynTesting.Analysis;

namespace Arbor.Analyzers.Tests.Rules;

public sealed class UnsupervisedStartTests
{
    private const string Server = """
        [GenServer]
        public partial class Counter
        {
            public Counter(int start) { }
        }

        """;

    [Fact]
    public Task Stand_alone_starts_are_reported() => Verify<UnsupervisedStartAnalyzer>.AnalyzerAsync(Snippets.Usings + Server + """
        public static class Program
        {
            public static async Task Main(ArborNode node)
            {
                var counter = await [|Counter.StartAsync(node, 0)|];
                var raw = await [|GenServer.StartAsync(node, () => new Counter(1))|];
                var named = await [|GenServer.StartAsync(node, () => new Counter(1), new StartOptions { Name = "c" })|];
            }
        }
        """);

    [Fact]
    public Task Message_names_the_GenServer() => Verify<UnsupervisedStartAnalyzer>.AnalyzerAsync(
        Snippets.Usings + Server + """
        public static class Program
        {
            public static async Task Main(ArborNode node)
            {
                var raw = await {|#0:GenServer.StartAsync(node, () => new Counter(1))|};
            }
        }
        """,
        new ExpectedDiagnostic("ARB1007").At(0).WithMessage("GenServer 'Counter' is started outside any supervisor; if it crashes nobody restarts it, so start it from its child spec under a supervisor"));

    [Fact]
    public Task Supervised_and_linked_starts_are_fine() => Verify<UnsupervisedStartAnalyzer>.AnalyzerAsync(Snippets.Usings + Server + """
        public static class Program
        {
            public static ChildSpec Spec() => Counter.ChildSpec(0, name: "counter");

            public static ChildSpec HandWritten() =>
                new("counter", context => GenServer.StartAsync(context.Node, () => new Counter(0), new StartOptions { Link = true }));

            public static ChildSpec ViaStartFunction() => new("counter", StartCounter);

            private static async ValueTask<StartResult> StartCounter(ChildStartContext context) =>
                await GenServer.StartAsync(context.Node, () => new Counter(0));

            public static async Task Linked(ArborNode node) =>
                await GenServer.StartAsync(node, () => new Counter(0), new StartOptions { Link = true });

            public static async Task FromInsideAProcess(ArborNode node) => await Counter.StartLinkAsync(node, 0);
        }
        """);

    [Fact]
    public Task Test_projects_are_exempt_by_default()
    {
        var test = Verify<UnsupervisedStartAnalyzer>.Test(
            Snippets.Usings + Server + """
            public static class CounterTests
            {
                [Xunit.Fact]
                public static async Task Starts(ArborNode node) => await Counter.StartAsync(node, 0);
            }
            """,
            GeneratedHalf.Counter());
        test.Sources.Add(XunitStub);
        return test.RunAsync();
    }

    [Fact]
    public Task Test_projects_are_reported_when_the_editorconfig_option_asks_for_it()
    {
        var test = Verify<UnsupervisedStartAnalyzer>.Test(
            Snippets.Usings + Server + """
            public static class CounterTests
            {
                [Xunit.Fact]
                public static async Task Starts(ArborNode node) => await [|Counter.StartAsync(node, 0)|];
            }
            """,
            GeneratedHalf.Counter());
        test.Sources.Add(XunitStub);
        test.AnalyzerConfigs.Add(new TestSource(".editorconfig", """
            root = true

            [*.cs]
            arbor.unsupervised_start.report_in_test_projects = true
            """));
        return test.RunAsync();
    }

    [Fact]
    public Task The_build_property_marks_a_test_project()
    {
        var test = Verify<UnsupervisedStartAnalyzer>.Test(
            Snippets.Usings + Server + """
            public static class Smoke
            {
                public static async Task Starts(ArborNode node) => await Counter.StartAsync(node, 0);
            }
            """,
            GeneratedHalf.Counter());
        test.AnalyzerConfigs.Add(new TestSource(".globalconfig", """
            is_global = true
            build_property.IsTestProject = true
            """));
        return test.RunAsync();
    }

    // What referencing xunit brings into a compilation, as far as test-project detection is concerned.
    private static readonly TestSource XunitStub = new("Xunit.cs", "namespace Xunit { public sealed class FactAttribute : System.Attribute { } }");
}
