using Arbor.Generators.Tests.Support;

namespace Arbor.Generators.Tests;

/// <summary>
/// The generator runs on every keystroke in the IDE, so it sees half-typed code. On any input it must report or stay
/// silent; it must never throw (which the compiler would turn into an opaque warning and no output).
/// </summary>
public sealed class RobustnessTests
{
    private static readonly string[] s_brokenSnippets =
    {
        "[Arbor.GenServer] public partial class",
        "[Arbor.GenServer] public partial class Counter",
        "[Arbor.GenServer] public partial class Counter {",
        "[Arbor.GenServer] public partial class Counter { [Arbor.Call] public int Get(",
        "[Arbor.GenServer] public partial class Counter { [Arbor.Call] public int Get() => ; }",
        "[Arbor.GenServer] public partial class Counter { [Arbor.Call] public Missing Get() => default; }",
        "[Arbor.GenServer] public partial class Counter { [Arbor.Call] public int Get(Missing m) => 0; }",
        "[Arbor.GenServer] public partial class Counter { [Arbor.Call] public int Get(int) => 0; }",
        "[Arbor.GenServer] public partial class Counter { [Arbor.Call] public Get() => 0; }",
        "[Arbor.GenServer] public partial class Counter { [Arbor.Call(Name = )] public int Get() => 0; }",
        "[Arbor.GenServer] public partial class Counter { [Arbor.Call(Name = null)] public int Get() => 0; }",
        "[Arbor.GenServer] public partial class Counter { [Arbor.Call(Name = 42)] public int Get() => 0; }",
        "[Arbor.GenServer] public partial class Counter { [Arbor.Call(\"positional\")] public int Get() => 0; }",
        "[Arbor.GenServer] public partial class Counter { [Arbor.Info] public void On() { } [Arbor.Info] public void On(dynamic d) { } }",
        "[Arbor.GenServer] public partial class Counter { [Arbor.Info] public void On(Missing m) { } [Arbor.Info] public void On(Missing2 m) { } }",
        "[Arbor.GenServer] public partial class Counter { [Arbor.Terminate] public void Done(Missing reason) { } }",
        "[Arbor.GenServer] public partial class Counter : Missing { }",
        "[Arbor.GenServer] public partial class Counter : Counter { }",
        "[Arbor.GenServer] public partial class Counter<> { }",
        "[Arbor.GenServer] public partial class Cache<TKey, > { [Arbor.Call] public TValue Get(TKey key) => default; }",
        "[Arbor.GenServer] public partial class Cache<TKey, TValue> where TKey : { [Arbor.Call] public TValue Get(TKey key) => default!; }",
        "[Arbor.GenServer] public partial class Cache<T> where T : Missing, new() { [Arbor.Call] public T Get() => new(); }",
        "[Arbor.GenServer] public partial class Cache<T> where T : struct, class, new(), allows { [Arbor.Cast] public void Put(T value) { } }",
        "[Arbor.GenServer] public partial class Cache<T, T> { [Arbor.Call] public T Get() => default!; }",
        "[Arbor.GenServer] public partial class Cache<in T> { [Arbor.Cast] public void Put(T value) { } }",
        "public partial class Outer<T { [Arbor.GenServer] public partial class Inner { [Arbor.Cast] public void Put(T value) { } } }",
        "[Arbor.GenServer] public partial class Counter { public Counter(Missing m, int) { } }",
        "[Arbor.GenServer] public partial class Counter { public Counter(params int[] values) { } [Arbor.Cast] public void Put(params string[] values) { } }",
        "[Arbor.GenServer] public partial class Counter { [Arbor.Call] public System.Threading.Tasks.ValueTask<> Get() => default; }",
        "[Arbor.GenServer] public partial class Counter { [Arbor.Call] public (int, ) Get() => default; }",
        "[Arbor.GenServer] public partial class Counter { [Arbor.Call] public int this[int i] => i; }",
        "[Arbor.GenServer] public partial class Counter { [Arbor.Call] public static int Get() => 0; [Arbor.Call] public extern int Other(); }",
        "[Arbor.GenServer] public partial class Counter { [Arbor.Call] partial int Get(); }",
        "[Arbor.GenServer] public partial class Counter { [Arbor.Call] public int Get() => 0; [Arbor.Call] public int Get() => 1; }",
        "[Arbor.GenServer] public partial struct Counter { }",
        "[Arbor.GenServer] public partial interface ICounter { }",
        "[Arbor.GenServer] public enum Counter { A }",
        "[Arbor.GenServer] [Arbor.GenServer] public partial class Counter { }",
        "namespace { [Arbor.GenServer] public partial class Counter { } }",
        "public partial class Outer { [Arbor.GenServer] public partial class }",
        "[Arbor.GenServer] public partial class Counter { [Arbor.Call] public int Get() => 0; } [Arbor.GenServer] public partial class Counter { }",
        "[Arbor.GenServer] file partial class Counter { }",
        "[Arbor.GenServer] public partial class Counter { [Arbor.Call] public int Get<T>(T value) where T : Missing => 0; }",
        "[Arbor.GenServer] public partial class Counter { [Arbor.Call] public delegate int Get(); }",
        "[Arbor.GenServer] public partial class Counter { [Arbor.Call] public int Get(System.TypedReference reference) => 0; }",
        "[Arbor.GenServer] public partial class Counter { [Arbor.Call] public int Get(__arglist) => 0; }",
        "[Arbor.GenServer] public partial class Counter { [Arbor.Call] public int Get(delegate*<int> f) => 0; }",
    };

    public static TheoryData<string> BrokenSnippets => new(s_brokenSnippets);

    [Theory]
    [MemberData(nameof(BrokenSnippets))]
    public void Broken_code_never_makes_the_generator_throw(string snippet)
    {
        var run = Generate.From(snippet);

        Assert.Empty(run.Exceptions);
        Assert.DoesNotContain(run.GeneratorDiagnostics, diagnostic => diagnostic.Id == "ARB0099");
    }

    [Fact]
    public void Source_without_Arbor_attributes_generates_nothing()
    {
        var run = Generate.From("public partial class Plain { public int Get() => 0; }");

        Assert.Empty(run.GeneratedSources);
        Assert.Empty(run.GeneratorDiagnostics);
    }

    [Fact]
    public void A_look_alike_attribute_in_another_namespace_is_ignored()
    {
        var run = Generate.From("""
            namespace Other { public sealed class GenServerAttribute : System.Attribute { } }
            namespace User { [Other.GenServer] public partial class Counter { } }
            """);

        Assert.Empty(run.GeneratedSources);
        Assert.Empty(run.GeneratorDiagnostics);
    }

    [Fact]
    public void Every_snippet_is_checked_for_output_that_does_not_crash_the_emitter()
    {
        // Emitting runs for every model the parser accepts; walking all generated text proves the emitter finished.
        foreach (var snippet in s_brokenSnippets)
        {
            var run = Generate.From(snippet);
            Assert.All(run.GeneratedSources.Values, text => Assert.StartsWith("// <auto-generated/>", text));
        }
    }
}
