using System.Threading.Tasks;
using Arbor.Analyzers.Tests.Support;
using Arbor.RoslynTesting.Analysis;

namespace Arbor.Analyzers.Tests.Rules;

public sealed class StaticMutableStateTests
{
    [Fact]
    public Task Static_mutable_fields_collections_and_settable_properties_are_reported() => Verify<StaticMutableStateAnalyzer>.AnalyzerAsync(Snippets.Usings + """
        [GenServer]
        public partial class Counter
        {
            private static int [|s_total|];
            private static readonly List<int> [|s_history|] = new();
            private static readonly int[] [|s_buckets|] = new int[4];
            private static readonly Dictionary<string, int> [|s_byName|] = new();
            public static string [|LastName|] { get; set; } = "";
            public static List<int> [|Seen|] { get; } = new();

            public Counter(int start) { }
        }
        """);

    [Fact]
    public Task Message_names_type_member_and_reason() => Verify<StaticMutableStateAnalyzer>.AnalyzerAsync(
        Snippets.Usings + """
        [GenServer]
        public partial class Counter
        {
            private static readonly List<int> {|#0:s_history|} = new();
            public Counter(int start) { }
        }
        """,
        new ExpectedDiagnostic("ARB1002").At(0).WithMessage("GenServer 'Counter' declares static mutable field 's_history' ('List<int>' is a mutable collection); every process of this type shares it"));

    [Fact]
    public Task Constants_and_static_readonly_immutable_values_are_fine() => Verify<StaticMutableStateAnalyzer>.AnalyzerAsync(Snippets.Usings + """
        [GenServer]
        public partial class Counter
        {
            private const int Max = 10;
            private static readonly ImmutableArray<int> s_defaults = ImmutableArray.Create(1, 2);
            private static readonly IReadOnlyList<string> s_names = new[] { "a" };
            private static readonly TimeSpan s_period = TimeSpan.FromSeconds(1);
            private static readonly string s_prefix = "counter";
            private static readonly Func<int, int> s_double = x => x * 2;
            public static int Limit => Max;
            public static ImmutableDictionary<string, int> Table { get; } = ImmutableDictionary<string, int>.Empty;
            private static List<int> Fresh => new();
            private readonly List<int> _items = new();   // instance state is the process's own

            public Counter(int start) { }
        }

        public class NotAServer
        {
            private static int s_count;
            public static List<int> Items { get; } = new();
        }
        """);
}
