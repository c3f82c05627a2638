using System.Linq;
using Arbor.Generators.Tests.Support;
using Arbor.RoslynTesting.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Arbor.Generators.Tests;

/// <summary>The generated code stays warning-free under project settings other than the defaults the snapshots use.</summary>
public sealed class CompilationSettingsTests
{
    private const string Server = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Arbor;

        namespace Shop;

        [GenServer]
        public sealed partial class Store
        {
            private readonly Dictionary<string, string> _values = new Dictionary<string, string>();

            public Store(string seed) { }

            [Call] public string Find(string key) => _values.TryGetValue(key, out var value) ? value : null;
            [Call] public ValueTask<List<string>> KeysAsync() => new ValueTask<List<string>>(new List<string>(_values.Keys));
            [Cast] public void Put(string key, string value) => _values[key] = value;
            [Info] public void On(string text) { }
        }
        """;

    [Fact]
    public void Compiles_cleanly_in_a_project_with_nullable_disabled()
    {
        var compilation = SourceCompilation.Create("NullableOff", Server);
        compilation = compilation.WithOptions(compilation.Options.WithNullableContextOptions(NullableContextOptions.Disable));

        AssertClean(GeneratorRun.Start(new GenServerGenerator(), compilation));
    }

    [Fact]
    public void Null_defaults_from_a_project_with_nullable_disabled_compile_cleanly()
    {
        var compilation = SourceCompilation.Create("NullDefaults", """
            using Arbor;

            namespace Shop;

            [GenServer]
            public partial class Catalog<TItem>
                where TItem : class
            {
                public Catalog(string region = null, TItem sample = null) { }

                [Call] public string Find(string key, string fallback = null) => fallback;
                [Cast] public void Put(TItem item = null, int? count = null) { }
            }
            """);
        compilation = compilation.WithOptions(compilation.Options.WithNullableContextOptions(NullableContextOptions.Disable));

        var run = GeneratorRun.Start(new GenServerGenerator(), compilation);
        AssertClean(run);
        var generated = run.GeneratedSources.Values.Single();
        Assert.Contains("string fallback = null!", generated);
        Assert.DoesNotContain("count = null!", generated); // a nullable value type keeps its plain null
    }

    [Fact]
    public void Compiles_cleanly_with_every_warning_enabled()
    {
        var compilation = SourceCompilation.Create("Strict", Server.Replace("string Find(string key)", "string? Find(string key)"));
        compilation = compilation.WithOptions(compilation.Options.WithWarningLevel(9999).WithGeneralDiagnosticOption(ReportDiagnostic.Error));

        AssertClean(GeneratorRun.Start(new GenServerGenerator(), compilation));
    }

    [Fact]
    public void Obsolete_handlers_and_message_types_are_dispatched_without_warnings()
    {
        var compilation = SourceCompilation.Create("Obsolete", """
            using System;
            using Arbor;

            [Obsolete("old")] public sealed record OldTick;

            [GenServer]
            public partial class Legacy
            {
                [Obsolete("use Get2")] [Call] public int Get() => 1;
                [Obsolete] [Cast] public void Put(int value) { }
            #pragma warning disable CS0618
                [Info] public void On(OldTick tick) { }
            #pragma warning restore CS0618
            }
            """);

        var run = GeneratorRun.Start(new GenServerGenerator(), compilation);
        AssertClean(run);
        var generated = run.GeneratedSources.Values.Single();
        // On the struct method and on the interface method.
        Assert.Equal(2, generated.Split("[global::System.Obsolete(\"use Get2\")]").Length - 1);
        Assert.Equal(2, generated.Split("[global::System.Obsolete]").Length - 1);
    }

    [Fact]
    public void Callers_of_an_obsolete_handler_see_the_deprecation_on_the_client()
    {
        var compilation = SourceCompilation.Create("ObsoleteCaller", """
            using System;
            using System.Threading.Tasks;
            using Arbor;

            [GenServer]
            public partial class Legacy
            {
                [Obsolete("use Fetch")] [Call] public int Get() => 1;
                [Call] public int Fetch() => 1;
            }

            public static class Caller
            {
                public static ValueTask<int> Old(LegacyRef legacy) => legacy.GetAsync();
                public static ValueTask<int> New(ILegacyClient legacy) => legacy.FetchAsync();
            }
            """);

        var run = GeneratorRun.Start(new GenServerGenerator(), compilation);
        var warning = Assert.Single(run.Output.GetDiagnostics(), diagnostic => diagnostic.Severity == DiagnosticSeverity.Warning && diagnostic.Id != "CS1591");
        Assert.Equal("CS0618", warning.Id);
        Assert.Contains("use Fetch", warning.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static void AssertClean(GeneratorRun run)
    {
        Assert.Empty(run.Exceptions);
        Assert.Empty(run.GeneratorDiagnostics);
        var generatedTrees = run.Output.SyntaxTrees.Except(run.Input.SyntaxTrees).ToList();
        Assert.Single(generatedTrees);
        var problems = run.Output.GetDiagnostics().Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning && diagnostic.Location.SourceTree is { } tree && generatedTrees.Contains(tree)).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
