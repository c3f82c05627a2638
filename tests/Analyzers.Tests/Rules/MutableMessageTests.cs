using System.Threading.Tasks;
using Arbor.Analyzers.Tests.Support;
using Arbor.RoslynTesting.Analysis;

namespace Arbor.Analyzers.Tests.Rules;

public sealed class MutableMessageTests
{
    [Fact]
    public Task Mutable_parameters_replies_and_info_messages_are_reported() => Verify<MutableMessageAnalyzer>.AnalyzerAsync(Snippets.Usings + """
        public class Order { public string Item { get; set; } = ""; }
        public class Tick { public int Count; }
        public record Batch(List<int> Items);
        public record Envelope(Batch Inner);
        public struct Holder { public int[] Values; }

        [GenServer]
        public partial class Counter
        {
            public Counter(int start) { }

            [Call] public int Place([|Order|] order) => 1;
            [Cast] public void Many([|List<int>|] ids) { }
            [Cast] public void Add([|int[]|] values) { }
            [Info] public void On([|Tick|] tick) { }
            [Info] public void On([|Envelope|] envelope) { }
            [Continue] public void After([|Holder|] holder) { }
            [Call] public [|Order|] Last() => new Order();
            [Call] public async ValueTask<[|Batch|]> Load() { await Task.Yield(); return new Batch(new()); }
            [Call] public void Later(ReplyTo<[|Order|]> reply) { }
        }
        """);

    [Fact]
    public Task Message_explains_the_mutability() => Verify<MutableMessageAnalyzer>.AnalyzerAsync(
        Snippets.Usings + """
        public class Order { public string Item { get; set; } = ""; }
        public record Batch(List<int> Items);

        [GenServer]
        public partial class Counter
        {
            public Counter(int start) { }
            [Call] public int Place({|#0:Order|} order) => 1;
            [Call] public {|#1:Batch|} Next() => new Batch(new());
        }
        """,
        new ExpectedDiagnostic("ARB1004").At(0).WithMessage("Parameter 'order' of handler 'Counter.Place' has mutable type 'Order' (property 'Item' has a setter); messages cross a process boundary and should be immutable"),
        new ExpectedDiagnostic("ARB1004").At(1).WithMessage("The reply of handler 'Counter.Next' has mutable type 'Batch' (property 'Items' holds a mutable 'List<int>'); messages cross a process boundary and should be immutable"));

    [Fact]
    public Task Immutable_records_primitives_and_immutable_collections_are_fine() => Verify<MutableMessageAnalyzer>.AnalyzerAsync(Snippets.Usings + """
        public sealed record Order(string Item, int Quantity);
        public sealed record Batch(ImmutableArray<int> Items, IReadOnlyList<string> Names);
        public sealed class Frozen { public Frozen(int v) => Value = v; public int Value { get; } public readonly string Tag = ""; }
        public record struct Point(int X, int Y);
        public struct MutablePoint { public int X; public int Y; }   // copied when it crosses: fine
        public class WithPrivateState { private int _hidden; public int Get() => _hidden; }
        public class Settable { public int Value { get; set; } }

        [GenServer]
        public partial class Counter
        {
            public Counter(int start) { }

            [Call] public int Place(Order order) => 1;
            [Cast] public void Apply(Batch batch) { }
            [Info] public void On(Frozen frozen) { }
            [Info] public void On(Point point) { }
            [Info] public void On(MutablePoint point) { }
            [Info] public void On(WithPrivateState state) { }
            [Info] public void On(Down down) { }
            [Info] public void On(object anything) { }
            [Call] public string Name(string prefix, CancellationToken token) => prefix;
            [Call] public ValueTask<ImmutableList<int>> Items() => default;
            [Call] public void Later(ReplyTo<Order> reply) { }
            [Terminate] public void Cleanup(ExitReason reason) { }
            public Settable NotAHandler(Settable value) => value;
        }
        """);
}
