using System.Threading.Tasks;
using Arbor.Analyzers.Tests.Support;
using Arbor.RoslynTesting.Analysis;

namespace Arbor.Analyzers.Tests.Rules;

public sealed class CatchAllTests
{
    [Fact]
    public Task Catch_all_forms_in_handlers_are_reported() => Verify<CatchAllAnalyzer>.AnalyzerAsync(Snippets.Usings + """
        [GenServer]
        public partial class Counter
        {
            private int _count;
            public Counter(int start) => _count = start;

            [Call] public int Get() { try { return Load(); } [|catch|] { return 0; } }
            [Call] public int Add(int by) { try { _count += by; } [|catch (Exception)|] { } return _count; }
            [Cast] public void Reset() { try { _count = 0; } [|catch (Exception e)|] when (true) { Console.WriteLine(e); } }
            [Info] public void On(string text) { try { _count = int.Parse(text); } [|catch (Exception e)|] when (e is not OperationCanceledException) { } }
            [Info] public async ValueTask On(int tick) { try { await Task.Yield(); } [|catch (System.Exception)|] { } }
            [Terminate] public void Cleanup(ExitReason reason) { try { File.Delete("x"); } [|catch|] { } }

            private int Load() => 1;
        }
        """);

    [Fact]
    public Task Message_names_the_member() => Verify<CatchAllAnalyzer>.AnalyzerAsync(
        Snippets.Usings + """
        [GenServer]
        public partial class Counter
        {
            public Counter(int start) { try { Console.WriteLine(start); } {|#0:catch (Exception)|} { } }
        }
        """,
        new ExpectedDiagnostic("ARB1001").At(0).WithMessage("'Counter.Counter' catches every exception and does not rethrow it; let the process crash so its supervisor restarts it from a known state"));

    [Fact]
    public Task Helpers_reached_from_handlers_are_process_code_but_unreached_ones_are_not() => Verify<CatchAllAnalyzer>.AnalyzerAsync(Snippets.Usings + """
        [GenServer]
        public partial class Counter
        {
            private int _count;
            public Counter(int start) => _count = start;

            [Call] public int Get() => Step1();
            private int Step1() => Step2;
            private int Step2 { get { try { return _count; } [|catch|] { return -1; } } }

            // Called from outside the process only (never from a handler): not process code.
            public static int Parse(string text) { try { return int.Parse(text); } catch { return 0; } }
        }
        """);

    [Fact]
    public Task Catches_that_rethrow_wrap_narrow_or_stop_are_fine() => Verify<CatchAllAnalyzer>.AnalyzerAsync(Snippets.Usings + """
        [GenServer]
        public partial class Counter
        {
            private int _count;
            public Counter(int start) => _count = start;

            [Call] public int A() { try { return 1; } catch (Exception) { _count = 0; throw; } }
            [Call] public int B() { try { return 1; } catch (Exception e) { throw new InvalidOperationException("load failed", e); } }
            [Call] public int C() { try { return 1; } catch (IOException) { return 0; } }
            [Call] public int D() { try { return 1; } catch (Exception e) when (e is IOException) { return 0; } }
            [Call] public int E() { try { return 1; } catch (Exception e) { Stop(ExitReason.Shutdown); return 0; } }
            [Call] public int F() { try { return 1; } catch (Exception e) { System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e).Throw(); return 0; } }
            [Call] public int G() { try { return 1; } finally { _count = 0; } }
            [Call] public int H() => _count > 0 ? 1 : throw new InvalidOperationException();
        }
        """);

    [Fact]
    public Task Classes_that_are_not_GenServers_are_ignored() => Verify<CatchAllAnalyzer>.AnalyzerAsync(Snippets.Usings + """
        public partial class Counter
        {
            public Counter(int start) { }
        }

        public class Repository
        {
            [Call] public int Get() { try { return 1; } catch { return 0; } }
        }
        """);
}
