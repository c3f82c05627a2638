using System.Threading.Tasks;
using Arbor.Analyzers.Tests.Support;
using Arbor.RoslynTesting.Analysis;

namespace Arbor.Analyzers.Tests.Rules;

public sealed class FireAndForgetTests
{
    [Fact]
    public Task Dropped_tasks_are_reported() => Verify<FireAndForgetAnalyzer>.AnalyzerAsync(Snippets.Usings + """
        [GenServer]
        public partial class Counter
        {
            public Counter(int start) { }

            [Cast] public void A() => [|SaveAsync()|];
            [Cast] public void B() { [|Task.Run(() => 1)|]; }
            [Cast] public void C() { _ = [|SaveAsync()|]; }
            [Cast] public async ValueTask D() { _ = [|SaveAsync()|]; await Task.Yield(); }
            [Cast] public void E() { [|Task.Delay(100)|]; }

            private static Task SaveAsync() => Task.CompletedTask;
        }
        """);

    [Fact]
    public Task Message_names_handler_and_task() => Verify<FireAndForgetAnalyzer>.AnalyzerAsync(
        Snippets.Usings + """
        [GenServer]
        public partial class Counter
        {
            public Counter(int start) { }
            [Cast] public void Save() { _ = {|#0:Task.Delay(1)|}; }
        }
        """,
        new ExpectedDiagnostic("ARB1006").At(0).WithMessage("'Counter.Save' starts 'Task.Delay' and does not await it; work outside the process is not supervised and its failure is lost"));

    [Fact]
    public Task Awaited_stored_and_non_task_calls_are_fine() => Verify<FireAndForgetAnalyzer>.AnalyzerAsync(Snippets.Usings + """
        [GenServer]
        public partial class Counter
        {
            private Task? _pending;
            public Counter(int start) { }

            [Cast] public async ValueTask A() => await SaveAsync();
            [Cast] public void B() => _pending = SaveAsync();
            [Cast] public void C() { var task = SaveAsync(); _pending = task; }
            [Cast] public void D() => Console.WriteLine("x");
            [Cast] public ValueTask E() => new ValueTask(SaveAsync());
            public void NotProcessCode() { _ = SaveAsync(); }

            private static Task SaveAsync() => Task.CompletedTask;
        }
        """);
}
