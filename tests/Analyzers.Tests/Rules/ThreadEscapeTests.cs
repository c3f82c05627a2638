using System.Threading.Tasks;
using Arbor.Analyzers.Tests.Support;
using Arbor.RoslynTesting.Analysis;

namespace Arbor.Analyzers.Tests.Rules;

public sealed class ThreadEscapeTests
{
    [Fact]
    public Task Delegates_using_this_handed_to_other_threads_are_reported() => Verify<ThreadEscapeAnalyzer>.AnalyzerAsync(Snippets.Usings + """
        [GenServer]
        public partial class Counter
        {
            private int _count;
            private Timer? _timer;
            public Counter(int start) => _count = start;

            [Cast] public void A() { var t = Task.Run([|() => _count++|]); }
            [Cast] public void B() => ThreadPool.QueueUserWorkItem([|_ => Bump()|]);
            [Cast] public void C() => _timer = new Timer([|_ => _count = 0|], null, 1000, 1000);
            [Cast] public void D(Task work) { var t = work.ContinueWith([|t => _count++|]); }
            [Cast] public void E() => Parallel.For(0, 10, [|i => _count += i|]);
            [Cast] public void F() { var t = Task.Factory.StartNew([|Bump|]); }
            [Cast] public void G() { var t = Task.Run([|Work|]); void Work() => _count++; }
            [Cast] public void H() { var thread = new Thread([|() => Bump()|]); thread.Start(); }
            [Cast] public void I() => Helper();

            private void Helper() { var t = Task.Run([|async () => { await Task.Yield(); _count++; }|]); }
            private void Bump() => _count++;
        }
        """);

    [Fact]
    public Task Message_names_handler_and_api() => Verify<ThreadEscapeAnalyzer>.AnalyzerAsync(
        Snippets.Usings + """
        [GenServer]
        public partial class Counter
        {
            private int _count;
            public Counter(int start) => _count = start;
            [Cast] public void Reset() { var t = Task.Run({|#0:() => _count = 0|}); }
        }
        """,
        new ExpectedDiagnostic("ARB1005").At(0).WithMessage("'Counter.Reset' passes code that uses the process's state ('this') to 'Task.Run', which runs it on another thread while the process goes on handling messages"));

    [Fact]
    public Task Awaited_work_static_lambdas_and_lambdas_without_state_are_fine() => Verify<ThreadEscapeAnalyzer>.AnalyzerAsync(Snippets.Usings + """
        [GenServer]
        public partial class Counter
        {
            private int _count;
            public Counter(int start) => _count = start;

            [Call] public async ValueTask<int> A() => await Task.Run(() => _count + 1);
            [Call] public async ValueTask<int> B() => await Task.Run(() => _count + 1).ConfigureAwait(false);
            [Cast] public void C(int n) { var t = Task.Run(() => Compute(n)); }
            [Cast] public void D() { var t = Task.Run(static () => 42); }
            [Cast] public void E() { var copy = _count; var t = Task.Run(() => copy * 2); }
            [Cast] public void F() => SendAfter(TimeSpan.FromSeconds(1), "tick");
            [Cast] public void G(List<int> items) => items.ForEach(i => _count += i);   // runs right here, in the process

            private static int Compute(int n) => n * 2;

            // Not process code: nothing in the process calls it.
            public void Detached() { var t = Task.Run(() => _count++); }
        }
        """);

    [Fact]
    public Task Task_work_that_touches_mutable_state_is_reported_reading_readonly_services_is_not() => Verify<ThreadEscapeAnalyzer>.AnalyzerAsync(Snippets.Usings + """
        [GenServer]
        public partial class Counter
        {
            private readonly Func<int, Task> _save = _ => Task.CompletedTask;
            private int _count;
            public Counter(int start) => _count = start;
            private int Total { get; set; }

            [Cast] public void A() => RunTask([|async _ => { await Task.Yield(); _count++; }|]);
            [Cast] public void B() => StartTask([|_ => Task.FromResult(Total)|]);
            [Cast] public void C(int n) => RunTask(_ => _save(n));
            [Cast] public void D() { var snapshot = _count; StartTask(_ => Task.FromResult(snapshot * 2)); }
            [Cast] public void E() => RunTask(token => Task.Delay(10, token));
        }
        """);
}
