using System.Threading.Tasks;
using Arbor.Analyzers.Tests.Support;
using Arbor.RoslynTesting.Analysis;

namespace Arbor.Analyzers.Tests.Rules;

public sealed class SelfCallTests
{
    [Fact]
    public Task Calls_to_self_are_reported() => Verify<SelfCallAnalyzer>.AnalyzerAsync(Snippets.Usings + """
        internal sealed class Ping : Arbor.Protocol.CallMessage<int> { }

        [GenServer]
        public partial class Counter
        {
            private int _count;
            public Counter(int start) => _count = start;

            [Call] public async ValueTask<int> A() => await [|SelfRef.GetAsync()|];
            [Call] public async ValueTask<int> B() => await [|CounterRef.FromPid(Self).AddAsync(1)|];
            [Call] public async ValueTask<int> C() => await [|GenServer.CallAsync(Self, new Ping())|];
            [Call] public async ValueTask<int> D() => await [|this.SelfRef.GetAsync(TimeSpan.FromSeconds(1))|];
            [Cast] public void E() => Helper();
            [Call] public int Get() => _count;
            [Call] public int Add(int by) => _count += by;

            private void Helper() { var pending = [|SelfRef.GetAsync()|]; }
        }
        """);

    [Fact]
    public Task Message_names_handler_and_receiver() => Verify<SelfCallAnalyzer>.AnalyzerAsync(
        Snippets.Usings + """
        [GenServer]
        public partial class Counter
        {
            public Counter(int start) { }
            [Call] public async ValueTask<int> Twice() => await {|#0:SelfRef.GetAsync()|} * 2;
        }
        """,
        new ExpectedDiagnostic("ARB1010").At(0).WithMessage("'Counter.Twice' makes a call to its own process through 'SelfRef'; a process cannot answer a call while handling a message, so the call always fails"));

    [Fact]
    public Task Casts_to_self_and_calls_to_other_servers_are_fine() => Verify<SelfCallAnalyzer>.AnalyzerAsync(Snippets.Usings + """
        [GenServer]
        public partial class Counter
        {
            private readonly CounterRef _peer;
            public Counter(int start, Pid peer) => _peer = CounterRef.FromPid(peer);

            [Cast] public void A() => SelfRef.Reset();
            [Call] public async ValueTask<int> B() => await _peer.GetAsync();
            [Call] public async ValueTask<int> C(Pid other) => await CounterRef.FromPid(other).GetAsync();
            [Call] public Pid D() => SelfRef.Pid;

            // Outside the process, a client calling the server is the normal case.
            public static async Task<int> FromOutside(CounterRef counter) => await counter.GetAsync();
        }
        """);
}
