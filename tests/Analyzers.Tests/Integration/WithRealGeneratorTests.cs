using System;
using System.Linq;
using System.Threading.Tasks;
using Arbor.Analyzers.Tests.Support;
using Arbor.Generators;
using Arbor.RoslynTesting.Analysis;
using Arbor.RoslynTesting.Generators;

namespace Arbor.Analyzers.Tests.Integration;

/// <summary>
/// The rule tests hand-write the generated half; these run the real generator first, so the analyzers meet exactly
/// what users get: the generated code itself raises nothing, and the generated SelfRef, StartAsync and ChildSpec are
/// recognised.
/// </summary>
public sealed class WithRealGeneratorTests
{
    private const string Sample = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Arbor;

        namespace Shop;

        public sealed record Tick(int Round);

        [GenServer]
        public partial class Counter
        {
            private int _count;
            public Counter(int start) => _count = start;

            [Call] public int Get() => _count;
            [Call] public int Add(int by) => _count += by;
            [Call] public async ValueTask<int> SlowAsync() { await Task.Yield(); return _count; }
            [Call] public async ValueTask<int> Twice() => await SelfRef.GetAsync() * 2;
            [Call] public void Later(ReplyTo<int> reply) => reply.Reply(_count);
            [Cast] public void Reset() => _count = 0;
            [Info] public void On(Tick tick) => _count += tick.Round;
            [Terminate] public void Cleanup(ExitReason reason) { }
        }

        [GenServer]
        public sealed partial class Lonely
        {
            [Cast] public void Poke() { }
        }

        public static class Program
        {
            public static ChildSpec[] Children() => new[] { Counter.ChildSpec(0, name: "counter") };

            public static async Task Main(ArborNode node)
            {
                var lonely = await Lonely.StartAsync(node);
            }
        }
        """;

    private const string GenericSample = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Arbor;

        namespace Shop;

        [GenServer]
        public partial class Cache<TKey, TValue>
            where TKey : notnull
        {
            private readonly Dictionary<TKey, TValue> _entries = new();

            [Call] public int Count() => _entries.Count;
            [Call] public async ValueTask<int> Twice() => await SelfRef.CountAsync() * 2;
            [Cast] public void Put(TKey key, TValue value) => _entries[key] = value;
        }

        [GenServer]
        public sealed partial class Pool<T>
        {
            [Cast] public void Return(T item) { }
        }

        public static class Program
        {
            public static ChildSpec[] Children() => new[] { Cache<string, int>.ChildSpec(name: "cache") };

            public static async Task Main(ArborNode node)
            {
                var pool = await Pool<int>.StartAsync(node);
            }
        }
        """;

    [Fact]
    public async Task Generated_code_raises_nothing_and_generated_members_are_recognised() =>
        Assert.Equal(
            new[]
            {
                "ARB1010 SelfRef.GetAsync()",
                "ARB1008 Lonely",
                "ARB1007 Lonely.StartAsync(node)",
            }.OrderBy(x => x, StringComparer.Ordinal),
            await FindAsync(Sample));

    [Fact]
    public async Task Generic_servers_generated_members_are_recognised_through_their_type_arguments() =>
        Assert.Equal(
            new[]
            {
                "ARB1010 SelfRef.CountAsync()",
                "ARB1008 Pool",
                "ARB1007 Pool<int>.StartAsync(node)",
            }.OrderBy(x => x, StringComparer.Ordinal),
            await FindAsync(GenericSample));

    /// <summary>Runs the generator, then every analyzer; each finding as its id and the code it points at, sorted.</summary>
    private static async Task<string[]> FindAsync(string source)
    {
        var run = GeneratorRun.Start(new GenServerGenerator(), SourceCompilation.Create("Sample", source));
        Assert.Empty(run.Exceptions);
        Assert.Empty(run.GeneratorDiagnostics);

        var diagnostics = await AnalyzerRunner.GetDiagnosticsAsync(run.Output, AllAnalyzers.Create(), analyzerOptions: null);

        Assert.All(diagnostics, d => Assert.Equal("Source0.cs", System.IO.Path.GetFileName(d.Location.SourceTree?.FilePath)));
        return diagnostics
            .Select(d => $"{d.Id} {d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan)}")
            .OrderBy(x => x, StringComparer.Ordinal)
            .ToArray();
    }
}
