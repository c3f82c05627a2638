using System.Threading.Tasks;
using Arbor.Analyzers.Tests.Support;
using Arbor.RoslynTesting.Analysis;

namespace Arbor.Analyzers.Tests.Rules;

public sealed class DirtyWorkTests
{
    [Fact]
    public Task Unbounded_loops_and_synchronous_io_in_ordinary_handlers_are_reported() => Verify<DirtyWorkAnalyzer>.AnalyzerAsync(Snippets.Usings + """
        public sealed record Tick;
        public sealed record Step;

        [GenServer]
        public partial class Worker
        {
            private int _count;

            [Call] public int Spin() { [|while|] (true) { _count++; } }
            [Cast] public void Poll() { [|for|] (;;) { _count++; } }
            [Info] public void On(Tick tick) { [|do|] { _count++; } while (true); }
            [Continue] public void After(Step step) => _count = [|System.IO.File.ReadAllText("a.txt")|].Length;
            [Call] public string Line(System.IO.StreamReader reader) => [|reader.ReadToEnd()|];
            [Cast] public void Copy(System.IO.FileStream from, System.IO.Stream to) => [|from.CopyTo(to)|];
            [Cast] public void Receive(System.Net.Sockets.Socket socket, byte[] buffer) => [|socket.Receive(buffer)|];
        }
        """);

    [Fact]
    public Task State_machine_handlers_are_covered_unless_marked_on_the_handler_or_the_machine() => Verify<DirtyWorkAnalyzer>.AnalyzerAsync(Snippets.Usings + """
        using Arbor.StateMachines;

        public enum Phase { Idle, Busy }

        [StateMachine]
        public partial class Grinder : StateMachine<Phase>
        {
            private int _count;

            public Grinder() : base(Phase.Idle) { }

            [OnCall(Phase.Idle)] public int Spin() { [|while|] (true) { _count++; } }
            [OnCast] public void Load() => _count = [|System.IO.File.ReadAllText("a.txt")|].Length;
            [OnEnter(Phase.Busy)] private void Enter() { [|for|] (;;) { _count++; } }
            [OnStateTimeout(Phase.Busy)] private void Rest() => _count = [|System.IO.File.ReadAllBytes("b.bin")|].Length;
            [OnCast(Dirty = true)] public void Crunch() { while (true) { _count++; } }
            private void Helper() { while (true) { _count++; } }
        }

        [StateMachine(Dirty = true)]
        public partial class AllDirty : StateMachine<Phase>
        {
            public AllDirty() : base(Phase.Idle) { }

            [OnCall] public string Read() => System.IO.File.ReadAllText("c.txt");
        }
        """);

    [Fact]
    public Task Message_names_the_handler_and_the_reason() => Verify<DirtyWorkAnalyzer>.AnalyzerAsync(
        Snippets.Usings + """
        [GenServer]
        public partial class Indexer
        {
            [Cast] public void Load() => {|#0:System.IO.File.ReadAllBytes("index.bin")|};
        }
        """,
        new ExpectedDiagnostic("ARB1011").At(0).WithMessage("'Indexer.Load' may hold its worker thread for a long time (File.ReadAllBytes blocks on I/O); mark the handler Dirty = true so it runs on the dirty schedulers, or make the work asynchronous"));

    [Fact]
    public Task Dirty_handlers_bounded_and_awaiting_loops_and_other_code_are_fine() => Verify<DirtyWorkAnalyzer>.AnalyzerAsync(Snippets.Usings + """
        [GenServer]
        public partial class Worker
        {
            private int _count;

            public Worker() { while (true) { if (_count++ > 3) break; } }

            [Call(Dirty = true)] public int Spin() { while (true) { _count++; } }
            [Cast(Dirty = true)] public void Load() => System.IO.File.ReadAllText("a.txt");
            [Call] public int Bounded() { while (true) { if (++_count > 10) break; } return _count; }
            [Call] public int Returns() { for (;;) { if (++_count > 10) return _count; } }
            [Cast] public async ValueTask Pump() { while (true) { await Task.Delay(10); } }
            [Cast] public void Nested() { while (true) { foreach (var i in new[] { 1 }) { break; } if (_count > 1) break; } }
            [Cast] public void Memory(System.IO.MemoryStream stream, byte[] buffer) => stream.Read(buffer, 0, 1);
            [Cast] public void Later() { System.Action spin = () => { while (true) { } }; }
            [Terminate] public void Done() => System.IO.File.WriteAllText("done.txt", "bye");
            [Call] public int Conditional() { while (_count < 10) { _count++; } return _count; }

            private void Helper() { while (true) { } }
            public static void NotInProcess() => System.IO.File.ReadAllText("a.txt");
        }

        [GenServer(Dirty = true)]
        public partial class Crawler
        {
            [Call] public string Fetch(string path) => System.IO.File.ReadAllText(path);
            [Cast] public void Spin() { while (true) { } }
        }
        """);
}
