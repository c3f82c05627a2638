using System;
using System.Collections.Immutable;
using System.Threading.Tasks;
using Arbor.RoslynTesting.Analysis;
using Arbor.RoslynTesting.Markup;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Arbor.Analyzers.Tests.Harness;

/// <summary>The shared harness must fail when it should: otherwise every green rule test proves nothing.</summary>
public sealed class HarnessTests
{
    [Fact]
    public void Markup_parses_plain_named_and_numbered_spans_including_nested_ones()
    {
        var markup = TestMarkup.Parse("a [|b|] {|X1:c {|#3:d|}|} e | { }");

        Assert.Equal("a b c d e | { }", markup.Source);
        Assert.Collection(
            markup.Spans,
            s => Assert.Equal((null, null, "b"), (s.DiagnosticId, s.LocationIndex, markup.Source.Substring(s.Span.Start, s.Span.Length))),
            s => Assert.Equal(("X1", null, "c d"), (s.DiagnosticId, s.LocationIndex, markup.Source.Substring(s.Span.Start, s.Span.Length))),
            s => Assert.Equal((null, 3, "d"), (s.DiagnosticId, s.LocationIndex, markup.Source.Substring(s.Span.Start, s.Span.Length))));
    }

    [Theory]
    [InlineData("a [|b")]
    [InlineData("a |] b")]
    public void Unbalanced_markup_is_rejected(string markup) => Assert.Throws<FormatException>(() => TestMarkup.Parse(markup));

    [Fact]
    public async Task A_missing_diagnostic_fails_with_a_readable_report()
    {
        var test = new AnalyzerTest(new ClassNameAnalyzer()).WithSource("class [|C|] { } class D { }");

        var failure = await Assert.ThrowsAsync<AnalyzerTestException>(test.RunAsync);

        Assert.Contains("Reported but not expected:", failure.Message, StringComparison.Ordinal);
        Assert.Contains("{|T0001:D|}", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_message_or_severity_fails()
    {
        var test = new AnalyzerTest(new ClassNameAnalyzer()).WithSource("class {|#0:C|} { }");
        test.ExpectedDiagnostics.Add(new ExpectedDiagnostic("T0001").At(0).WithMessage("nope").WithSeverity(DiagnosticSeverity.Error));

        var failure = await Assert.ThrowsAsync<AnalyzerTestException>(test.RunAsync);

        Assert.Contains("severity: expected Error, actual Warning", failure.Message, StringComparison.Ordinal);
        Assert.Contains("message: expected \"nope\"", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_analyzer_exception_fails_as_AD0001()
    {
        var test = new AnalyzerTest(new ThrowingAnalyzer()).WithSource("class C { }");

        var failure = await Assert.ThrowsAsync<AnalyzerTestException>(test.RunAsync);

        Assert.Contains("AD0001", failure.Message, StringComparison.Ordinal);
        Assert.Contains("boom", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_code_that_does_not_compile_fails_unless_allowed()
    {
        var test = new AnalyzerTest(new ClassNameAnalyzer()).WithSource("class [|C|] { int M() => missing; }");

        var failure = await Assert.ThrowsAsync<AnalyzerTestException>(test.RunAsync);
        Assert.Contains("CS0103", failure.Message, StringComparison.Ordinal);

        test.AllowCompilerErrors = true;
        await test.RunAsync();
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class ClassNameAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor s_rule = new("T0001", "Class", "Class '{0}'", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(s_rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSymbolAction(c => c.ReportDiagnostic(Diagnostic.Create(s_rule, c.Symbol.Locations[0], c.Symbol.Name)), SymbolKind.NamedType);
        }
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class ThrowingAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor s_rule = new("T0002", "Throws", "Throws", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(s_rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSymbolAction(_ => throw new InvalidOperationException("boom"), SymbolKind.NamedType);
        }
    }
}
