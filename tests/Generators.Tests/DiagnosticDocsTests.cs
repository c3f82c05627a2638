using System.IO;
using System.Linq;
using Arbor.Generators.Diagnostics;
using Arbor.Tests.Shared;

namespace Arbor.Generators.Tests;

/// <summary>Each generator diagnostic's help link points at a page that exists and names it.</summary>
public sealed class DiagnosticDocsTests
{
    public static TheoryData<string> Ids => new(Enumerable.Range(1, 99).Select(n => $"ARB{n:0000}").Where(id => DiagnosticDescriptors.Find(id) is not null));

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_diagnostic_has_a_documentation_page(string id)
    {
        var descriptor = DiagnosticDescriptors.Find(id)!;
        var page = RepositoryRoot.Combine("docs", "diagnostics", id + ".md");

        Assert.True(File.Exists(page), "Missing " + page);
        Assert.StartsWith($"# {id}: {descriptor.Title}", File.ReadAllText(page));
        Assert.Equal($"https://github.com/arbor-dotnet/arbor/blob/main/docs/diagnostics/{id}.md", descriptor.HelpLinkUri);
    }
}
