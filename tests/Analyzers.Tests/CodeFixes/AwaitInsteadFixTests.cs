using System.Threading.Tasks;
using Arbor.Analyzers.CodeFixes;
using Arbor.Analyzers.Tests.Support;

namespace Arbor.Analyzers.Tests.CodeFixes;

public sealed class AwaitInsteadFixTests
{
    private const string Header = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Arbor;

        namespace Shop;

        """;

    [Fact]
    public Task Sync_handlers_become_async_ValueTask_handlers() => Verify<BlockingCallAnalyzer>.CodeFixAsync<AwaitInsteadCodeFix>(
        Header + """
        [GenServer]
        public partial class Counter
        {
            public Counter(int start) { }

            [Call]
            public int Get() => [|LoadAsync().Result|];

            [Cast]
            public void Save()
            {
                [|SaveAsync().Wait()|];
            }

            [Call]
            public string Text() => [|LoadAsync().GetAwaiter().GetResult()|].ToString();

            private static Task<int> LoadAsync() => Task.FromResult(1);
            private static Task SaveAsync() => Task.CompletedTask;
        }
        """,
        Header + """
        [GenServer]
        public partial class Counter
        {
            public Counter(int start) { }

            [Call]
            public async ValueTask<int> Get() => await LoadAsync();

            [Cast]
            public async ValueTask Save()
            {
                await SaveAsync();
            }

            [Call]
            public async ValueTask<string> Text() => (await LoadAsync()).ToString();

            private static Task<int> LoadAsync() => Task.FromResult(1);
            private static Task SaveAsync() => Task.CompletedTask;
        }
        """,
        AwaitInsteadCodeFix.EquivalenceKey);

    [Fact]
    public Task Async_handlers_just_await_and_fix_all_handles_several_in_one_method() => Verify<BlockingCallAnalyzer>.CodeFixAsync<AwaitInsteadCodeFix>(
        Header + """
        [GenServer]
        public partial class Counter
        {
            public Counter(int start) { }

            [Call]
            public int Sum()
            {
                var a = [|LoadAsync().Result|];
                var b = [|LoadAsync().ConfigureAwait(false).GetAwaiter().GetResult()|];
                return a + b;
            }

            [Call]
            public async ValueTask<int> Twice()
            {
                await Task.Yield();
                return [|LoadAsync().Result|] * 2;
            }

            private static Task<int> LoadAsync() => Task.FromResult(1);
        }
        """,
        Header + """
        [GenServer]
        public partial class Counter
        {
            public Counter(int start) { }

            [Call]
            public async ValueTask<int> Sum()
            {
                var a = await LoadAsync();
                var b = await LoadAsync().ConfigureAwait(false);
                return a + b;
            }

            [Call]
            public async ValueTask<int> Twice()
            {
                await Task.Yield();
                return await LoadAsync() * 2;
            }

            private static Task<int> LoadAsync() => Task.FromResult(1);
        }
        """,
        AwaitInsteadCodeFix.EquivalenceKey,
        fixAll: true);

    [Fact]
    public Task Not_offered_where_await_is_not_possible() => Verify<BlockingCallAnalyzer>.CodeFixAsync<AwaitInsteadCodeFix>(
        Header + """
        [GenServer]
        public partial class Counter
        {
            private readonly object _gate = new();
            public Counter(int start) { var n = [|LoadAsync().Result|]; }

            [Cast] public void Sleep() => [|Thread.Sleep(10)|];
            [Cast] public void Locked() { lock (_gate) { [|SaveAsync().Wait()|]; } }
            [Call] public Task<int> Wrapped() => Task.FromResult([|LoadAsync().Result|]);
            [Cast] public void Helper() => Run();

            private void Run() => [|SaveAsync().Wait()|];
            private static Task<int> LoadAsync() => Task.FromResult(1);
            private static Task SaveAsync() => Task.CompletedTask;
        }
        """,
        Header + """
        [GenServer]
        public partial class Counter
        {
            private readonly object _gate = new();
            public Counter(int start) { var n = LoadAsync().Result; }

            [Cast] public void Sleep() => Thread.Sleep(10);
            [Cast] public void Locked() { lock (_gate) { SaveAsync().Wait(); } }
            [Call] public Task<int> Wrapped() => Task.FromResult(LoadAsync().Result);
            [Cast] public void Helper() => Run();

            private void Run() => SaveAsync().Wait();
            private static Task<int> LoadAsync() => Task.FromResult(1);
            private static Task SaveAsync() => Task.CompletedTask;
        }
        """,
        AwaitInsteadCodeFix.EquivalenceKey);

    [Fact]
    public Task Refused_for_a_handler_other_code_calls_directly() => Verify<BlockingCallAnalyzer>.CodeFixAsync<AwaitInsteadCodeFix>(
        Header + """
        [GenServer]
        public partial class Counter
        {
            public Counter(int start) { }

            [Call] public int Total() => [|LoadAsync().Result|];
            [Call] public int Double() => Total() * 2;

            private static Task<int> LoadAsync() => Task.FromResult(1);
        }
        """,
        Header + """
        [GenServer]
        public partial class Counter
        {
            public Counter(int start) { }

            [Call] public int Total() => LoadAsync().Result;
            [Call] public int Double() => Total() * 2;

            private static Task<int> LoadAsync() => Task.FromResult(1);
        }
        """,
        AwaitInsteadCodeFix.EquivalenceKey);

    [Fact]
    public Task Project_fix_all_as_dotnet_format_applies_it() => Verify<BlockingCallAnalyzer>.ProjectFixAsync<AwaitInsteadCodeFix>(
        [
            Header + """
            [GenServer]
            public partial class Counter
            {
                public Counter(int start) { }

                [Call] public int Get() => [|Loader.LoadAsync().Result|];
                [Cast] public void Save() => [|Loader.SaveAsync().Wait()|];
            }
            """,
            Header + """
            public static class Loader
            {
                public static Task<int> LoadAsync() => Task.FromResult(1);
                public static Task SaveAsync() => Task.CompletedTask;
            }
            """,
        ],
        [
            Header + """
            [GenServer]
            public partial class Counter
            {
                public Counter(int start) { }

                [Call] public async ValueTask<int> Get() => await Loader.LoadAsync();
                [Cast] public async ValueTask Save() => await Loader.SaveAsync();
            }
            """,
            Header + """
            public static class Loader
            {
                public static Task<int> LoadAsync() => Task.FromResult(1);
                public static Task SaveAsync() => Task.CompletedTask;
            }
            """,
        ],
        equivalenceKey: null);
}
