using System.Linq;
using Arbor.Generators.Tests.Support;
using Arbor.RoslynTesting.Generators;
using Microsoft.CodeAnalysis;

namespace Arbor.Generators.Tests;

/// <summary>
/// The pipeline must not redo work for edits that do not change a server: with step tracking on, every step's
/// outputs after such an edit are Cached or Unchanged, and the emitted source is not regenerated.
/// </summary>
public sealed class IncrementalTests
{
    private const string Server = """
        using Arbor;

        namespace Shop;

        [GenServer]
        public partial class Counter
        {
            private int _count;

            [Call] public int Get() => _count;
            [Cast] public void Bump() => _count++;
        }

        [GenServer]
        public partial class Pool<T>
            where T : notnull
        {
            [Cast] public void Put(T item) { }
        }

        [GenServer]
        public partial class Broken
        {
            [Cast] public int Wrong() => 1;
        }
        """;

    private const string Unrelated = """
        namespace Shop;

        public static class Helpers
        {
            public static int Twice(int x) => x * 2;
        }
        """;

    private static readonly string[] s_pipelineSteps =
    {
        GenServerGenerator.TrackingNames.Parse,
        GenServerGenerator.TrackingNames.Models,
        GenServerGenerator.TrackingNames.Diagnostics,
    };

    [Fact]
    public void An_edit_to_another_file_leaves_every_step_cached()
    {
        var first = Generate.From(Server, Unrelated);
        var second = first.RunAgain(Edit(first.Input, 1, Unrelated.Replace("x * 2", "x + x")));

        AssertNothingRecomputed(second);
    }

    [Fact]
    public void Adding_an_unrelated_file_leaves_every_step_cached()
    {
        var first = Generate.From(Server, Unrelated);
        var second = first.RunAgain(first.Input.AddSyntaxTrees(SourceCompilation.Parse("namespace Shop; public sealed record Added(int X);", "Added.cs")));

        AssertNothingRecomputed(second);
    }

    [Fact]
    public void Editing_a_handler_body_reparses_but_the_model_is_unchanged()
    {
        var first = Generate.From(Server, Unrelated);
        // Same length, so the diagnostic reported for Broken further down keeps its location.
        var second = first.RunAgain(Edit(first.Input, 0, Server.Replace("_count++", "++_count")));

        var reasons = second.StepReasons(GenServerGenerator.TrackingNames.Models);
        Assert.NotEmpty(reasons);
        Assert.All(reasons, step => Assert.True(step.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step.Step}: {step.Reason}"));
        Assert.All(second.StepReasons(WellKnownGeneratorOutputs.SourceOutput), step => Assert.NotEqual(IncrementalStepRunReason.Modified, step.Reason));
    }

    [Fact]
    public void Adding_a_handler_changes_the_model_so_tracking_is_not_vacuous()
    {
        var first = Generate.From(Server, Unrelated);
        var second = first.RunAgain(Edit(first.Input, 0, Server.Replace("[Call] public int Get() => _count;", "[Call] public int Get() => _count;\n    [Call] public int Peek() => _count;")));

        Assert.Contains(second.StepReasons(GenServerGenerator.TrackingNames.Models), step => step.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("PeekAsync", second.GeneratedSources["Shop.Counter.g.cs"]);
    }

    [Fact]
    public void A_handler_added_in_another_partial_file_is_picked_up()
    {
        const string Declaration = "[Arbor.GenServer] public partial class Split { }";
        const string Handlers = "public partial class Split { [Arbor.Call] public int Get() => 1; }";
        var first = Generate.From(Declaration, Handlers);
        var second = first.RunAgain(Edit(first.Input, 1, Handlers.Replace("=> 1; }", "=> 1; [Arbor.Cast] public void Bump() { } }")));

        Assert.Contains("GetAsync(", first.GeneratedSources["Split.g.cs"]);
        Assert.DoesNotContain("Bump", first.GeneratedSources["Split.g.cs"]);
        Assert.Contains("public void Bump()", second.GeneratedSources["Split.g.cs"]);
    }

    private static void AssertNothingRecomputed(GeneratorRun run)
    {
        var reasons = run.StepReasons(s_pipelineSteps);
        Assert.Equal(3, reasons.Select(step => step.Step).Distinct().Count());
        Assert.All(reasons, step => Assert.True(step.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step.Step}: {step.Reason}"));
        Assert.All(run.StepReasons(WellKnownGeneratorOutputs.SourceOutput), step => Assert.Equal(IncrementalStepRunReason.Cached, step.Reason));
    }

    private static Compilation Edit(Compilation compilation, int treeIndex, string newText)
    {
        var old = compilation.SyntaxTrees.ElementAt(treeIndex);
        return compilation.ReplaceSyntaxTree(old, SourceCompilation.Parse(newText, old.FilePath));
    }
}
