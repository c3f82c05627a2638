using System.Threading.Tasks;
using Arbor.Analyzers.CodeFixes;
using Arbor.Analyzers.Tests.Support;

namespace Arbor.Analyzers.Tests.CodeFixes;

public sealed class ReturnCopyFixTests
{
    private const string Header = """
        using System;
        using System.Collections.Generic;
        using Arbor;

        namespace Shop;

        """;

    [Fact]
    public Task Collections_and_arrays_are_copied_keeping_comparers() => Verify<MutableStateReturnAnalyzer>.CodeFixAsync<ReturnCopyCodeFix>(
        Header + """
        [GenServer]
        public partial class Counter
        {
            private readonly List<int> _items = new();
            private readonly Dictionary<string, int> _names = new(StringComparer.OrdinalIgnoreCase);
            private int[] _buckets = new int[3];
            public Counter(int start) { }

            [Call] public List<int> Items() => [|_items|];
            [Call] public IReadOnlyDictionary<string, int> Names() { return [|_names|]; }
            [Call] public int[] Buckets() => [|this._buckets|];
            [Call] public void Later(ReplyTo<List<int>> reply) => reply.Reply([|_items|]);
        }
        """,
        Header + """
        [GenServer]
        public partial class Counter
        {
            private readonly List<int> _items = new();
            private readonly Dictionary<string, int> _names = new(StringComparer.OrdinalIgnoreCase);
            private int[] _buckets = new int[3];
            public Counter(int start) { }

            [Call] public List<int> Items() => new List<int>(_items);
            [Call] public IReadOnlyDictionary<string, int> Names() { return new Dictionary<string, int>(_names, _names.Comparer); }
            [Call] public int[] Buckets() => (int[])this._buckets.Clone();
            [Call] public void Later(ReplyTo<List<int>> reply) => reply.Reply(new List<int>(_items));
        }
        """,
        ReturnCopyCodeFix.EquivalenceKey);

    [Fact]
    public Task Fix_all_copies_every_reply() => Verify<MutableStateReturnAnalyzer>.CodeFixAsync<ReturnCopyCodeFix>(
        Header + """
        [GenServer]
        public partial class Counter
        {
            private readonly List<int> _items = new();
            private readonly HashSet<string> _seen = new();
            public Counter(int start) { }

            [Call] public List<int> Items() => [|_items|];
            [Call] public HashSet<string> Seen() => [|_seen|];
        }
        """,
        Header + """
        [GenServer]
        public partial class Counter
        {
            private readonly List<int> _items = new();
            private readonly HashSet<string> _seen = new();
            public Counter(int start) { }

            [Call] public List<int> Items() => new List<int>(_items);
            [Call] public HashSet<string> Seen() => new HashSet<string>(_seen, _seen.Comparer);
        }
        """,
        ReturnCopyCodeFix.EquivalenceKey,
        fixAll: true);

    [Fact]
    public Task Project_fix_all_as_dotnet_format_applies_it() => Verify<MutableStateReturnAnalyzer>.ProjectFixAsync<ReturnCopyCodeFix>(
        [
            Header + """
            [GenServer]
            public partial class Counter
            {
                private readonly List<int> _items = new();
                public Counter(int start) { }

                [Call] public IReadOnlyList<int> Items() => [|_items|];
            }
            """,
            Header + """
            [GenServer]
            public partial class Other
            {
                private readonly int[] _cells = new int[3];

                [Call] public IReadOnlyList<int> Cells() => [|_cells|];
            }
            """,
        ],
        [
            Header + """
            [GenServer]
            public partial class Counter
            {
                private readonly List<int> _items = new();
                public Counter(int start) { }

                [Call] public IReadOnlyList<int> Items() => new List<int>(_items);
            }
            """,
            Header + """
            [GenServer]
            public partial class Other
            {
                private readonly int[] _cells = new int[3];

                [Call] public IReadOnlyList<int> Cells() => (int[])_cells.Clone();
            }
            """,
        ],
        equivalenceKey: null);

    [Fact]
    public Task Live_views_are_copied_with_a_collection_expression_where_the_reply_type_allows() => Verify<MutableStateReturnAnalyzer>.CodeFixAsync<ReturnCopyCodeFix>(
        Header + """
        using System.Collections.ObjectModel;
        using System.Linq;

        [GenServer]
        public partial class Counter
        {
            private readonly List<int> _items = new();
            private readonly Dictionary<string, int> _names = new();
            public Counter(int start) { }

            [Call] public IReadOnlyList<int> Items() => [|_items.AsReadOnly()|];
            [Call] public IEnumerable<int> Counts() => [|_names.Values|];
            [Call] public int[] Big() => _items.Where(i => i > 10).ToArray();
            [Call] public IEnumerable<int> Small() => [|_items.Where(i => i < 10)|];
            [Call] public ReadOnlyCollection<int> Wrapped() => [|_items.AsReadOnly()|];
            [Call] public IReadOnlyDictionary<string, int> Map() => [|_names.AsReadOnly()|];
            [Call] public void Later(ReplyTo<IReadOnlyCollection<string>> reply) => reply.Reply([|_names.Keys|]);
        }
        """,
        Header + """
        using System.Collections.ObjectModel;
        using System.Linq;

        [GenServer]
        public partial class Counter
        {
            private readonly List<int> _items = new();
            private readonly Dictionary<string, int> _names = new();
            public Counter(int start) { }

            [Call] public IReadOnlyList<int> Items() => [.. _items.AsReadOnly()];
            [Call] public IEnumerable<int> Counts() => [.. _names.Values];
            [Call] public int[] Big() => _items.Where(i => i > 10).ToArray();
            [Call] public IEnumerable<int> Small() => [.. _items.Where(i => i < 10)];
            [Call] public ReadOnlyCollection<int> Wrapped() => _items.AsReadOnly();
            [Call] public IReadOnlyDictionary<string, int> Map() => _names.AsReadOnly();
            [Call] public void Later(ReplyTo<IReadOnlyCollection<string>> reply) => reply.Reply([.. _names.Keys]);
        }
        """,
        ReturnCopyCodeFix.EquivalenceKey);
}
