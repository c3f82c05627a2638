using System.IO;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;
using Arbor.Package.Tests.Support;

namespace Arbor.Package.Tests;

/// <summary>The README's diagnostic table follows docs/diagnostics: one row per page, with the page's title, and no dead links.</summary>
public sealed partial class DiagnosticTableTests
{
    private static readonly string s_readme = File.ReadAllText(Repository.PathOf("README.md"));

    [Fact]
    public void Every_diagnostic_page_has_a_row_with_its_title()
    {
        var pages = Directory.GetFiles(Repository.PathOf("docs/diagnostics"), "ARB*.md").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(pages);
        var rows = TableRow().Matches(s_readme).ToDictionary(match => match.Groups["id"].Value, match => WebUtility.HtmlDecode(match.Groups["title"].Value.Trim()));
        Assert.All(pages, page =>
        {
            var id = Path.GetFileNameWithoutExtension(page);
            var heading = File.ReadLines(page).First();
            var title = heading[(heading.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            Assert.True(rows.TryGetValue(id, out var row), $"README.md has no diagnostic row for {id}");
            Assert.Equal(title, row);
        });
    }

    [Fact]
    public void Every_diagnostic_link_points_to_an_existing_page()
    {
        var links = DiagnosticLink().Matches(s_readme).Select(match => match.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(links);
        Assert.All(links, link => Assert.True(File.Exists(Repository.PathOf(link)), $"README.md links to {link}, which does not exist"));
    }

    [GeneratedRegex(@"^\| \[(?<id>ARB\d{4})\]\(docs/diagnostics/\k<id>\.md\) \| (?<title>[^|]+) \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"\((docs/diagnostics/[^)]+\.md)\)")]
    private static partial Regex DiagnosticLink();
}
