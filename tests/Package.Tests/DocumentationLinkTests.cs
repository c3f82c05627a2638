using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Arbor.Package.Tests.Support;

namespace Arbor.Package.Tests;

/// <summary>Relative links in the README and the guides lead somewhere: a newcomer's first clicks must not 404.</summary>
public sealed partial class DocumentationLinkTests
{
    [Theory]
    [InlineData("README.md")]
    [InlineData("docs/getting-started.md")]
    [InlineData("docs/hosting.md")]
    public void Every_relative_link_points_to_a_file_or_folder_of_the_repository(string document)
    {
        var directory = Path.GetDirectoryName(Repository.PathOf(document))!;
        var targets = Link().Matches(File.ReadAllText(Repository.PathOf(document)))
            .Select(match => match.Groups[1].Value)
            .Where(target => !target.Contains("://", StringComparison.Ordinal) && !target.StartsWith('#'))
            .Select(target => target.Split('#')[0])
            .Distinct()
            .ToList();

        Assert.NotEmpty(targets);
        Assert.All(targets, target =>
        {
            var path = Path.GetFullPath(Path.Combine(directory, target));
            Assert.True(File.Exists(path) || Directory.Exists(path), $"{document} links to '{target}', which does not exist");
        });
    }

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex Link();
}
