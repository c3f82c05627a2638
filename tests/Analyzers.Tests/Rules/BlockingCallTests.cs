using System.Threading.Tasks;
using Arbor.Analyzers.Tests.Support;
using Arbor.RoslynTesting.Analysis;

namespace Arbor.Analyzers.Tests.Rules;

public sealed class BlockingCallTests
{
    [Fact]
    public Task Blocking_waits_in_process_code_are_reported() => Verify<BlockingCallAnalyzer>.AnalyzerAsync(Snippets.Usings + """
        [GenServer]
        public partial class Counter
        {
            private readonly SemaphoreSlim _gate = new(1);
            private readonly ManualResetEvent _event = new(false);
            public Counter(int start) { var n = [|LoadAsync().Result|]; }

            [Call] public int A() => [|LoadAsync().Result|];
            [Cast] public void B() { [|SaveAsync().Wait()|]; }
            [Call] public int C() => [|LoadAsync().GetAwaiter().GetResult()|];
            [Call] public int D() => [|LoadValueAsync().Result|];
            [Cast] public void E() => [|Thread.Sleep(10)|];
            [Cast] public void F() => [|_event.WaitOne()|];
            [Cast] public void G() => [|_gate.Wait()|];
            [Cast] public void H() => [|Task.WaitAll(SaveAsync(), SaveAsync())|];
            [Call] public int I() => [|LoadAsync().ConfigureAwait(false).GetAwaiter().GetResult()|];
            [Cast] public void J() => Helper();

            private void Helper() { var items = new[] { 1 }; Array.ForEach(items, i => [|SaveAsync().Wait()|]); }
            private static Task<int> LoadAsync() => Task.FromResult(1);
            private static ValueTask<int> LoadValueAsync() => new(1);
            private static Task SaveAsync() => Task.CompletedTask;
        }
        """);

    [Fact]
    public Task Message_names_handler_and_blocking_member() => Verify<BlockingCallAnalyzer>.AnalyzerAsync(
        Snippets.Usings + """
        [GenServer]
        public partial class Counter
        {
            public Counter(int start) { }
            [Call] public int Get() => {|#0:LoadAsync().Result|};
            [Cast] public void Nap() => {|#1:Thread.Sleep(1)|};
            private static Task<int> LoadAsync() => Task.FromResult(1);
        }
        """,
        new ExpectedDiagnostic("ARB1009").At(0).WithMessage("'Counter.Get' blocks its thread with '.Result'; await instead (handlers may return ValueTask)"),
        new ExpectedDiagnostic("ARB1009").At(1).WithMessage("'Counter.Nap' blocks its thread with 'Thread.Sleep'; await instead (handlers may return ValueTask)"));

    [Fact]
    public Task Awaits_continuations_other_threads_and_non_process_code_are_fine() => Verify<BlockingCallAnalyzer>.AnalyzerAsync(Snippets.Usings + """
        [GenServer]
        public partial class Counter
        {
            public Counter(int start) { }

            [Call] public async ValueTask<int> A() => await LoadAsync();
            [Cast] public async ValueTask B() { await SaveAsync(); await Task.Delay(10); }
            [Call] public async ValueTask<int> C() => await LoadAsync().ContinueWith(t => t.Result + 1);
            [Cast] public void D() { var t = Task.Run(() => Thread.Sleep(10)); }
            [Call] public int E() { var list = new List<int> { 1 }; return list.Count; }
            [Call] public int F(Task<int> done) => done.IsCompleted ? 1 : 0;
            [Call] public int G(Task<int> done) => done.IsCompletedSuccessfully ? done.Result : -1;
            [Call] public int H(Task<int> done) { if (done.IsCompleted) { return done.Result; } return 0; }

            public static int NotProcessCode() => LoadAsync().Result;
            private static Task<int> LoadAsync() => Task.FromResult(1);
            private static Task SaveAsync() => Task.CompletedTask;
        }
        """);
}
