using System;
using System.IO;
using System.Linq;
using Arbor.Analyzers.Tests.Support;
using Arbor.Tests.Shared;

namespace Arbor.Analyzers.Tests.Catalogue;

/// <summary>Every rule is documented, release-tracked and linked, with an id in the analyzers' range.</summary>
public sealed class CatalogueTests
{
    public static TheoryData<string> RuleIds()
    {
        var data = new TheoryData<string>();
        foreach (var id in AllAnalyzers.Create().SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal))
        {
            data.Add(id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_has_a_docs_page_with_a_bad_and_a_good_example(string id)
    {
        var page = RepositoryRoot.Combine("docs", "diagnostics", id + ".md");

        Assert.True(File.Exists(page), $"{page} is missing");
        var text = File.ReadAllText(page);
        Assert.StartsWith($"# {id}:", text, StringComparison.Ordinal);
        Assert.True(text.Split("```csharp").Length >= 3, $"{id}.md needs a bad and a good example");
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_is_in_range_linked_and_release_tracked(string id)
    {
        var descriptor = AllAnalyzers.Create().SelectMany(a => a.SupportedDiagnostics).First(d => d.Id == id);
        var releases = File.ReadAllText(RepositoryRoot.Combine("src", "Analyzers", "Analyzers", "AnalyzerReleases.Unshipped.md"))
            + File.ReadAllText(RepositoryRoot.Combine("src", "Analyzers", "Analyzers", "AnalyzerReleases.Shipped.md"));

        Assert.InRange(int.Parse(id.AsSpan(3), provider: System.Globalization.CultureInfo.InvariantCulture), 1001, 1099);
        Assert.Equal($"https://github.com/arbor-dotnet/arbor/blob/main/docs/diagnostics/{id}.md", descriptor.HelpLinkUri);
        Assert.Contains($"{id} | {descriptor.Category} | {descriptor.DefaultSeverity} |", releases, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_analyzer_owns_one_concern()
    {
        Assert.All(AllAnalyzers.Create(), analyzer => Assert.Single(analyzer.SupportedDiagnostics));
    }
}
