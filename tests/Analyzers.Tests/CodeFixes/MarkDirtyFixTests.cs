using System.Threading.Tasks;
using Arbor.Analyzers.CodeFixes;
using Arbor.Analyzers.Tests.Support;

namespace Arbor.Analyzers.Tests.CodeFixes;

public sealed class MarkDirtyFixTests
{
    private const string Header = """
        using System.IO;
        using Arbor;

        namespace Shop;

        public sealed record Tick;

        """;

    [Fact]
    public Task Handlers_get_Dirty_true_keeping_their_other_arguments() => Verify<DirtyWorkAnalyzer>.CodeFixAsync<MarkDirtyCodeFix>(
        Header + """
        [GenServer]
        public partial class Indexer
        {
            private int _count;

            [Cast] public void Load() => _count = [|File.ReadAllText("a.txt")|].Length;
            [Call(Name = "Rebuild")] public int Build() { [|while|] (true) { _count++; } }
            [Info] public void On(Tick tick) { [|for|] (;;) { _count++; } }
        }
        """,
        Header + """
        [GenServer]
        public partial class Indexer
        {
            private int _count;

            [Cast(Dirty = true)] public void Load() => _count = File.ReadAllText("a.txt").Length;
            [Call(Name = "Rebuild", Dirty = true)] public int Build() { while (true) { _count++; } }
            [Info(Dirty = true)] public void On(Tick tick) { for (;;) { _count++; } }
        }
        """,
        MarkDirtyCodeFix.EquivalenceKey);

    [Fact]
    public Task State_machine_handlers_get_Dirty_true_after_their_states() => Verify<DirtyWorkAnalyzer>.CodeFixAsync<MarkDirtyCodeFix>(
        Header + """
        public enum Phase { Idle, Busy }

        [Arbor.StateMachines.StateMachine]
        public partial class Grinder : Arbor.StateMachines.StateMachine<Phase>
        {
            private int _count;

            public Grinder() : base(Phase.Idle) { }

            [Arbor.StateMachines.OnCast(Phase.Idle)] public void Load() => _count = [|File.ReadAllText("a.txt")|].Length;
            [Arbor.StateMachines.OnEnter] private void Enter() { [|while|] (true) { _count++; } }
        }
        """,
        Header + """
        public enum Phase { Idle, Busy }

        [Arbor.StateMachines.StateMachine]
        public partial class Grinder : Arbor.StateMachines.StateMachine<Phase>
        {
            private int _count;

            public Grinder() : base(Phase.Idle) { }

            [Arbor.StateMachines.OnCast(Phase.Idle, Dirty = true)] public void Load() => _count = File.ReadAllText("a.txt").Length;
            [Arbor.StateMachines.OnEnter(Dirty = true)] private void Enter() { while (true) { _count++; } }
        }
        """,
        MarkDirtyCodeFix.EquivalenceKey);

    [Fact]
    public Task Two_findings_in_one_handler_mark_it_once() => Verify<DirtyWorkAnalyzer>.CodeFixAsync<MarkDirtyCodeFix>(
        Header + """
        [GenServer]
        public partial class Copier
        {
            [Cast] public void Copy() { [|File.Copy("a", "b")|]; [|File.WriteAllText("c", "d")|]; }
        }
        """,
        Header + """
        [GenServer]
        public partial class Copier
        {
            [Cast(Dirty = true)] public void Copy() { File.Copy("a", "b"); File.WriteAllText("c", "d"); }
        }
        """,
        MarkDirtyCodeFix.EquivalenceKey);
}
