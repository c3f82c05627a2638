using System.Linq;
using Arbor.Generators.Tests.Support;

namespace Arbor.Generators.Tests;

/// <summary>
/// Every generator diagnostic fires with its id at the marked span (<c>[|...|]</c>), and nothing else is reported.
/// </summary>
public sealed class DiagnosticTests
{
    private const string Usings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Arbor;
        public sealed record Tick;

        """;

    [Theory]
    // ARB0001: not partial; a containing type not partial.
    [InlineData("ARB0001", "[GenServer] public class [|Counter|] { }")]
    [InlineData("ARB0001", "public class [|Outer|] { [GenServer] public partial class Inner { } }")]
    // ARB0002: static, abstract, record.
    [InlineData("ARB0002", "[GenServer] public [|static|] partial class Counter { }")]
    [InlineData("ARB0002", "[GenServer] public [|abstract|] partial class Counter { }")]
    [InlineData("ARB0002", "[GenServer] public partial [|record|] Counter { }")]
    // ARB0003 is retired: generic GenServers are supported (see Generic_servers_and_local_servers_with_any_types_are_not_reported below).
    // ARB0004: a user-declared base class.
    [InlineData("ARB0004", "public class Base { } [GenServer] public partial class Counter : [|Base|], IDisposable { public void Dispose() { } }")]
    // ARB0005: a signature type less accessible than the server (parameter, return, constructor, hidden inside the server).
    [InlineData("ARB0005", "internal sealed class Secret { } [GenServer] public partial class Counter { [Call] public int Get([|Secret|] secret) => 0; }")]
    [InlineData("ARB0005", "internal sealed class Secret { } [GenServer] public partial class Counter { [Call] public [|Secret|] Get() => new(); }")]
    [InlineData("ARB0005", "internal sealed class Secret { } [GenServer] public partial class Counter { public Counter(System.Collections.Generic.List<[|Secret|]> s) { } }")]
    [InlineData("ARB0005", "[GenServer] internal partial class Counter { private sealed class Secret { } [Cast] private void Put([|Secret|] secret) { } }")]
    // ARB0006: ref, out, in, pointer, ref struct; also on the constructor.
    [InlineData("ARB0006", "[GenServer] public partial class Counter { [Call] public int Get([|ref int x|]) => x; }")]
    [InlineData("ARB0006", "[GenServer] public partial class Counter { [Cast] public void Get([|out int x|]) => x = 1; }")]
    [InlineData("ARB0006", "[GenServer] public partial class Counter { [Cast] public void Get([|in int x|]) { } }")]
    [InlineData("ARB0006", "[GenServer] public unsafe partial class Counter { [Cast] public void Get([|int* x|]) { } }")]
    [InlineData("ARB0006", "[GenServer] public partial class Counter { [Cast] public void Get([|Span<int> x|]) { } }")]
    [InlineData("ARB0006", "[GenServer] public partial class Counter { public Counter([|ref int start|]) { } }")]
    [InlineData("ARB0006", "[GenServer] public partial class Counter<T> where T : allows ref struct { [Cast] public void Put([|T value|]) { } }")]
    // ARB0007: a call with no reply.
    [InlineData("ARB0007", "[GenServer] public partial class Counter { [Call] public [|void|] Do() { } }")]
    [InlineData("ARB0007", "[GenServer] public partial class Counter { [Call] public [|ValueTask|] DoAsync() => default; }")]
    [InlineData("ARB0007", "[GenServer] public partial class Counter { [Call] public [|Task|] DoAsync() => Task.CompletedTask; }")]
    // ARB0008: a cast, info, continue or terminate returning a value.
    [InlineData("ARB0008", "[GenServer] public partial class Counter { [Cast] public [|int|] Do() => 1; }")]
    [InlineData("ARB0008", "[GenServer] public partial class Counter { [Cast] public [|ValueTask<int>|] DoAsync() => default; }")]
    [InlineData("ARB0008", "[GenServer] public partial class Counter { [Info] public [|bool|] On(Tick tick) => true; }")]
    [InlineData("ARB0008", "[GenServer] public partial class Counter { [Terminate] public [|int|] Done(ExitReason reason) => 0; }")]
    // ARB0009: async void.
    [InlineData("ARB0009", "[GenServer] public partial class Counter { [Cast] public [|async|] void Do() => await Task.Yield(); }")]
    [InlineData("ARB0009", "[GenServer] public partial class Counter { [Info] public [|async|] void On(Tick tick) => await Task.Yield(); }")]
    // ARB0010: two handler attributes.
    [InlineData("ARB0010", "[GenServer] public partial class Counter { [Call, [|Cast|]] public int Do() => 1; }")]
    [InlineData("ARB0010", "[GenServer] public partial class Counter { [Info] [[|Continue|]] public void On(Tick tick) { } }")]
    // ARB0011: ambiguous messages.
    [InlineData("ARB0011", "[GenServer] public partial class Counter { [Call] public int Get() => 1; [Call(Name = \"Get\")] public int [|Fetch|]() => 2; }")]
    [InlineData("ARB0011", "[GenServer] public partial class Counter { [Call] public int Get(string? key) => 1; [Call] public ValueTask<int> [|GetAsync|](string key) => default; }")]
    [InlineData("ARB0011", "[GenServer] public partial class Counter { [Cast(Name = \"Equals\")] public void [|Same|]() { } }")]
    [InlineData("ARB0011", "[GenServer] public partial class Counter { [Info] public void On(Tick tick) { } [Info] public void [|Also|](Tick? tick) { } }")]
    [InlineData("ARB0011", "[GenServer] public partial class Counter { [Terminate] public void A() { } [Terminate] public void [|B|]() { } }")]
    // ARB0012: more than one constructor.
    [InlineData("ARB0012", "[GenServer] public partial class Counter { public Counter() { } public [|Counter|](int start) { } }")]
    // ARB0013: invalid signatures.
    [InlineData("ARB0013", "[GenServer] public partial class Counter { [Info] public void On[|(Tick a, Tick b)|] { } }")]
    [InlineData("ARB0013", "[GenServer] public partial class Counter { [Continue] public void After[|()|] { } }")]
    [InlineData("ARB0013", "[GenServer] public partial class Counter { [Call] public T Get[|<T>|]() => default!; }")]
    [InlineData("ARB0013", "[GenServer] public partial class Counter { [Cast] public void Do([|ReplyTo<int> reply|]) { } }")]
    [InlineData("ARB0013", "[GenServer] public partial class Counter { [Call] public void Do(ReplyTo<int> a, [|ReplyTo<int> b|]) { } }")]
    [InlineData("ARB0013", "[GenServer] public partial class Counter { [Call] public [|int|] Do(ReplyTo<int> reply) => 1; }")]
    [InlineData("ARB0013", "[GenServer] public partial class Counter { [[|Call(Name = \"not valid\")|]] public int Do() => 1; }")]
    [InlineData("ARB0013", "[GenServer] public partial class Counter { [Terminate] public void Done[|(string why)|] { } }")]
    [InlineData("ARB0013", "[GenServer] public partial class Counter { private int _x; [Call] public [|ref int|] Get() => ref _x; }")]
    [InlineData("ARB0013", "[GenServer] public partial class Counter { [Call] public [|Span<int>|] Get() => default; }")]
    [InlineData("ARB0013", "[GenServer] public partial class Counter<T> where T : allows ref struct { [Call] public [|T|] Get() => default!; }")]
    [InlineData("ARB0013", "public interface IGet { int Get(); } [GenServer] public partial class Counter : IGet { [[|Call|]] int IGet.Get() => 1; }")]
    [InlineData("ARB0013", "[GenServer] public partial class Counter { public int Value { [[|Call|]] get => 1; } }")]
    [InlineData("ARB0013", "[GenServer] public partial class Counter { [[|Cast|]] public Counter() { } }")]
    // ARB0014 is retired: the generated parameters give way to the user's names (see Parameter_names_..._are_the_users below).
    // ARB0030: a remote server's parameter or reply type has no Erlang term form (directly, inside a collection, or in a property).
    [InlineData("ARB0030", "[GenServer(Remote = true)] public partial class Counter { [Call] public int Get(Guid [|id|]) => 0; }")]
    [InlineData("ARB0030", "[GenServer(Remote = true)] public partial class Counter { [Call] public [|Action|] Get() => () => { }; }")]
    [InlineData("ARB0030", "[GenServer(Remote = true)] public partial class Counter { [Call] public async [|Task<IDisposable>|] GetAsync() { await Task.Yield(); return null!; } }")]
    [InlineData("ARB0030", "[GenServer(Remote = true)] public partial class Counter { [Cast] public void Put(System.Collections.Generic.List<IDisposable> [|items|]) { } }")]
    [InlineData("ARB0030", "public sealed class Bag { public Guid Id { get; set; } } [GenServer(Remote = true)] public partial class Counter { [Cast] public void Put(Bag [|bag|]) { } }")]
    [InlineData("ARB0030", "public sealed class Bag { public Bag(int size) { Size = size * 2; } public int Count { get; } } [GenServer(Remote = true)] public partial class Counter { [Cast] public void Put(Bag [|bag|]) { } }")]
    [InlineData("ARB0030", "[GenServer(Remote = true)] public partial class Counter<T> { [Cast] public void Put(T [|value|]) { } }")]
    // A [GenServerProtocol] interface: partial, calls and casts only, every type mapped.
    [InlineData("ARB0001", "[GenServerProtocol] public interface [|IKv|] { [Call] int Get(); }")]
    [InlineData("ARB0013", "[GenServerProtocol] public partial interface IKv { [Call] int Get(); [[|Info|]] void On(Tick tick); }")]
    [InlineData("ARB0030", "[GenServerProtocol] public partial interface IKv { [Call] int Get(Guid [|id|]); }")]
    [InlineData("ARB0007", "[GenServerProtocol] public partial interface IKv { [Call] [|void|] Get(); }")]
    public void Reports_at_the_marked_location(string id, string markup)
    {
        var (source, spans) = Markup.Parse(Usings + markup);
        var run = Generate.From(source);

        Assert.Empty(run.Exceptions);
        var reported = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, reported.Id);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, reported.Severity);
        Assert.Equal(spans.Single(), reported.Location.SourceSpan);
        Assert.Equal("Source0.cs", reported.Location.GetLineSpan().Path);
        Assert.EndsWith($"/docs/diagnostics/{id}.md", reported.Descriptor.HelpLinkUri);
    }

    [Theory]
    [InlineData("[GenServer] public partial class Counter<T> { [Call] public T? Get() => default; }")]
    [InlineData("public partial class Outer<T> { [GenServer] public partial class Inner { [Cast] public void Put(T value) { } } }")]
    [InlineData("[GenServer] public partial class Counter<T> where T : allows ref struct { [Call] public int Get() => 1; }")]
    [InlineData("[GenServer] public partial class Counter { [Call] public Guid Get(Action callback) => Guid.Empty; }")]
    public void Generic_servers_and_local_servers_with_any_types_are_not_reported(string declaration)
    {
        var run = Generate.Clean(Usings + declaration);

        Assert.Single(run.GeneratedSources);
    }

    [Fact]
    public void A_generic_and_a_non_generic_server_of_the_same_name_get_a_file_each()
    {
        var run = Generate.Clean(Usings + """
            [GenServer] public partial class Counter { [Call] public int Get() => 1; }
            [GenServer] public partial class Counter<T> { [Call] public T? Get() => default; }
            """);

        Assert.Equal(["Counter.g.cs", "Counter`1.g.cs"], run.GeneratedSources.Keys.Order(System.StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("public Counter(string name, string id, bool significant, int node) { }", "ChildSpec(string name, string id, bool significant, int node, string? arborId = null, string? arborName = null, global::Arbor.Restart restart")]
    [InlineData("public Counter(string name, string arborName) { }", "StartAsync(global::Arbor.ArborNode node, string name, string arborName, string? arborName2 = null)")]
    [InlineData("[Call] public int Wait(TimeSpan timeout, CancellationToken cancellationToken) => 1;", "WaitAsync(global::System.TimeSpan timeout, global::System.TimeSpan? arborTimeout = null, global::System.Threading.CancellationToken cancellationToken = default)")]
    [InlineData("[Call] public int Wait(CancellationToken cancellationToken, string node) => 1;", "WaitAsync(string node, global::System.TimeSpan? timeout = null, global::System.Threading.CancellationToken cancellationToken = default)")]
    public void Parameter_names_the_generated_methods_also_use_are_the_users(string member, string generatedSignature)
    {
        var run = Generate.Clean(Usings + "[GenServer] public partial class Counter { " + member + " }");

        Assert.Contains(generatedSignature, run.Single());
    }

    [Fact]
    public void Every_problem_in_a_class_is_reported_at_once()
    {
        var (source, spans) = Markup.Parse(Usings + """
            [GenServer]
            public class [|Counter|]
            {
                public Counter([|ref int start|]) { }
                [Call] public [|void|] Get() { }
                [Cast] public [|int|] Reset() => 0;
            }
            """);
        var run = Generate.From(source);

        Assert.Empty(run.Exceptions);
        Assert.Empty(run.GeneratedSources);
        Assert.Equal(["ARB0001", "ARB0006", "ARB0007", "ARB0008"], run.GeneratorDiagnostics.Select(diagnostic => diagnostic.Id).Order(System.StringComparer.Ordinal));
        Assert.Equal(spans.Order(), run.GeneratorDiagnostics.Select(diagnostic => diagnostic.Location.SourceSpan).Order());
    }

    [Fact]
    public void A_bad_handler_is_left_out_and_the_rest_is_still_generated()
    {
        var run = Generate.From(Usings + """
            [GenServer]
            public partial class Counter
            {
                [Call] public int Get() => 1;
                [Cast] public int Broken() => 1;
            }
            """);

        Assert.Equal("ARB0008", Assert.Single(run.GeneratorDiagnostics).Id);
        var generated = run.Single();
        Assert.Contains("GetAsync(", generated);
        Assert.DoesNotContain("Broken", generated);
    }

    [Fact]
    public void Messages_name_the_problem_and_the_declaration()
    {
        var run = Generate.From(Usings + "[GenServer] public partial class Counter { [Call] public void Do() { } }");

        var message = Assert.Single(run.GeneratorDiagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("[Call] handler 'Do' returns void and takes no ReplyTo<T>, so the caller would never get a reply; return the reply value, or take a ReplyTo<T> and reply later", message);
    }
}
