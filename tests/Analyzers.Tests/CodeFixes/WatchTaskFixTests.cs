using System.Threading.Tasks;
using Arbor.Analyzers.CodeFixes;
using Arbor.Analyzers.Tests.Support;

namespace Arbor.Analyzers.Tests.CodeFixes;

public sealed class WatchTaskFixTests
{
    private const string Header = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Arbor;

        namespace Shop;

        public sealed record Entry(string Text);

        public interface IStore
        {
            Task SaveAsync(Entry entry);
            Task<int> CountAsync();
            ValueTask FlushAsync();
            ValueTask<bool> PingAsync();
        }

        """;

    [Fact]
    public Task Dropped_and_discarded_tasks_are_handed_to_WatchTask() => Verify<FireAndForgetAnalyzer>.CodeFixAsync<WatchTaskCodeFix>(
        Header + """
        [GenServer]
        public partial class Counter
        {
            private readonly IStore _store;
            public Counter(int start) => _store = null!;

            [Cast] public void Save(Entry entry) { _ = [|_store.SaveAsync(entry)|]; }
            [Cast] public void Count() => [|_store.CountAsync()|];
            [Cast] public void Flush() { /* keep */ _ = [|_store.FlushAsync()|]; // after
            }
            [Cast] public async ValueTask Ping() { _ = [|_store.PingAsync()|]; await Task.Yield(); }
            [Cast] public void Wait() { [|Task.Delay(10)|]; }
        }
        """,
        Header + """
        [GenServer]
        public partial class Counter
        {
            private readonly IStore _store;
            public Counter(int start) => _store = null!;

            [Cast] public void Save(Entry entry) { WatchTask(_store.SaveAsync(entry)); }
            [Cast] public void Count() => WatchTask(_store.CountAsync());
            [Cast] public void Flush() { /* keep */ WatchTask(_store.FlushAsync()); // after
            }
            [Cast] public async ValueTask Ping() { WatchTask(_store.PingAsync()); await Task.Yield(); }
            [Cast] public void Wait() { WatchTask(Task.Delay(10)); }
        }
        """,
        WatchTaskCodeFix.EquivalenceKey);

    [Fact]
    public Task Not_offered_where_WatchTask_would_not_run_in_the_process() => Verify<FireAndForgetAnalyzer>.CodeFixAsync<WatchTaskCodeFix>(
        Header + """
        [GenServer]
        public partial class Counter
        {
            private readonly IStore _store;
            private readonly List<Entry> _entries = new();
            public Counter(int start) => _store = null!;

            [Cast] public void Lambda() => _entries.ForEach(e => { _ = [|_store.SaveAsync(e)|]; });
            [Cast] public void Local() { Go(); void Go() { _ = [|_store.FlushAsync()|]; } }
            [Cast] public void Static() => Helper.Save(_store);
        }

        public static class Helper
        {
            public static void Save(IStore store) { _ = store.FlushAsync(); }
        }
        """,
        Header + """
        [GenServer]
        public partial class Counter
        {
            private readonly IStore _store;
            private readonly List<Entry> _entries = new();
            public Counter(int start) => _store = null!;

            [Cast] public void Lambda() => _entries.ForEach(e => { _ = _store.SaveAsync(e); });
            [Cast] public void Local() { Go(); void Go() { _ = _store.FlushAsync(); } }
            [Cast] public void Static() => Helper.Save(_store);
        }

        public static class Helper
        {
            public static void Save(IStore store) { _ = store.FlushAsync(); }
        }
        """,
        WatchTaskCodeFix.EquivalenceKey);

    [Fact]
    public Task Not_offered_when_the_server_has_its_own_WatchTask() => Verify<FireAndForgetAnalyzer>.CodeFixAsync<WatchTaskCodeFix>(
        Header + """
        [GenServer]
        public partial class Counter
        {
            private readonly IStore _store;
            public Counter(int start) => _store = null!;

            [Cast] public void Save(Entry entry) { _ = [|_store.SaveAsync(entry)|]; }
            private void WatchTask(Task task) { }
        }
        """,
        Header + """
        [GenServer]
        public partial class Counter
        {
            private readonly IStore _store;
            public Counter(int start) => _store = null!;

            [Cast] public void Save(Entry entry) { _ = _store.SaveAsync(entry); }
            private void WatchTask(Task task) { }
        }
        """,
        WatchTaskCodeFix.EquivalenceKey);

    [Fact]
    public Task Project_fix_all_as_dotnet_format_applies_it() => Verify<FireAndForgetAnalyzer>.ProjectFixAsync<WatchTaskCodeFix>(
        [
            Header + """
            [GenServer]
            public partial class Counter
            {
                private readonly IStore _store;
                public Counter(int start) => _store = null!;

                [Cast] public void Save(Entry entry) { _ = [|_store.SaveAsync(entry)|]; [|_store.CountAsync()|]; }
            }
            """,
            """
            using System.Threading.Tasks;
            using Arbor;

            namespace Shop;

            partial class Counter
            {
                [Info] public void On(Entry entry) => [|_store.FlushAsync()|];
            }
            """,
        ],
        [
            Header + """
            [GenServer]
            public partial class Counter
            {
                private readonly IStore _store;
                public Counter(int start) => _store = null!;

                [Cast] public void Save(Entry entry) { WatchTask(_store.SaveAsync(entry)); WatchTask(_store.CountAsync()); }
            }
            """,
            """
            using System.Threading.Tasks;
            using Arbor;

            namespace Shop;

            partial class Counter
            {
                [Info] public void On(Entry entry) => WatchTask(_store.FlushAsync());
            }
            """,
        ],
        WatchTaskCodeFix.EquivalenceKey);
}
