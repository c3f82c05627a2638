using System.Threading.Tasks;
using Arbor.Analyzers.Tests.Support;
using Arbor.RoslynTesting.Analysis;

namespace Arbor.Analyzers.Tests.Rules;

public sealed class MutableStateReturnTests
{
    [Fact]
    public Task Returning_mutable_fields_and_auto_properties_is_reported() => Verify<MutableStateReturnAnalyzer>.AnalyzerAsync(Snippets.Usings + """
        public sealed class Stats { public int Hits { get; set; } }
        public sealed class State { public readonly List<int> Items = new(); }

        [GenServer]
        public partial class Counter
        {
            private readonly List<int> _items = new();
            private int[] _buckets = new int[3];
            private readonly Stats _stats = new();
            private readonly State _state = new();
            private Dictionary<string, int> Names { get; } = new();

            public Counter(int start) { }

            [Call] public List<int> Items() => [|_items|];
            [Call] public IReadOnlyList<int> ReadOnlyView() { return [|_items|]; }
            [Call] public int[] Buckets() => [|this._buckets|];
            [Call] public Stats GetStats() => [|_stats|];
            [Call] public List<int> Nested() => [|_state.Items|];
            [Call] public Dictionary<string, int> AllNames() => [|Names|];
            [Call] public async ValueTask<List<int>> Later() { await Task.Yield(); return [|_items|]; }
            [Call] public void Deferred(ReplyTo<List<int>> reply) => reply.Reply([|_items|]);
        }
        """);

    [Fact]
    public Task Message_names_handler_member_and_type() => Verify<MutableStateReturnAnalyzer>.AnalyzerAsync(
        Snippets.Usings + """
        [GenServer]
        public partial class Counter
        {
            private readonly List<int> _items = new();
            public Counter(int start) { }
            [Call] public List<int> Items() => {|#0:_items|};
        }
        """,
        new ExpectedDiagnostic("ARB1003").At(0).WithMessage("Call handler 'Counter.Items' replies with '_items', a reference to its mutable state ('List<int>' is a mutable collection); the caller can read and change it while the process does, so reply with a copy"));

    [Fact]
    public Task Copies_snapshots_immutable_values_and_non_call_handlers_are_fine() => Verify<MutableStateReturnAnalyzer>.AnalyzerAsync(Snippets.Usings + """
        public sealed record Snapshot(int Count);

        [GenServer]
        public partial class Counter
        {
            private readonly List<int> _items = new();
            private ImmutableList<int> _log = ImmutableList<int>.Empty;
            private readonly Snapshot _snapshot = new(0);
            private string _name = "";

            public Counter(int start) { }

            [Call] public List<int> Copy() => new List<int>(_items);
            [Call] public int[] AsArray() => _items.ToArray();
            [Call] public ImmutableArray<int> Frozen() => _items.ToImmutableArray();
            [Call] public ImmutableList<int> Log() => _log;
            [Call] public Snapshot Current() => _snapshot;
            [Call] public string Name() => _name;
            [Call] public int Count() => _items.Count;
            [Call] public List<int> Local() { var fresh = new List<int>(); return fresh; }
            [Call] public List<int> Computed() => Fresh;
            [Call] public Func<List<int>> Lambda() => () => _items;
            [Cast] public void Touch() { }
            public List<int> NotAHandler() => _items;

            private List<int> Fresh => new List<int>(_items);
        }
        """);
}
