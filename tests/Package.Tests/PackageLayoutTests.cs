using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Arbor.Package.Tests.Support;

namespace Arbor.Package.Tests;

/// <summary>What is inside the one Arbor package.</summary>
[Collection(PackedArborCollection.Name)]
public sealed class PackageLayoutTests(PackedArbor packed)
{
    [Fact]
    public void The_library_and_its_docs_are_the_only_lib_assets()
    {
        Assert.Equal(["lib/net10.0/Arbor.dll", "lib/net10.0/Arbor.xml"], Entries().Where(e => e.StartsWith("lib/", StringComparison.Ordinal)).Order());
    }

    [Fact]
    public void The_generator_analyzers_and_code_fixes_ship_as_analyzers_only()
    {
        Assert.Equal(
            ["analyzers/dotnet/cs/Arbor.Analyzers.CodeFixes.dll", "analyzers/dotnet/cs/Arbor.Analyzers.dll", "analyzers/dotnet/cs/Arbor.Generators.dll"],
            Entries().Where(e => e.StartsWith("analyzers/", StringComparison.Ordinal)).Order());
        Assert.DoesNotContain(Entries(), e => e.Contains("Microsoft.CodeAnalysis", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_metadata_names_license_readme_repository_and_only_runtime_dependencies()
    {
        var nuspec = Nuspec();
        var ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal("Arbor", metadata.Element(ns + "id")!.Value);
        Assert.Equal("MIT", metadata.Element(ns + "license")!.Value);
        Assert.Equal("expression", metadata.Element(ns + "license")!.Attribute("type")!.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")!.Value);
        Assert.Contains("README.md", Entries());
        Assert.Equal("https://github.com/arbor-dotnet/arbor", metadata.Element(ns + "repository")!.Attribute("url")!.Value);
        // SourceLink (on by default in the SDK) stamps the commit the package was built from.
        Assert.Matches("^[0-9a-f]{40}$", metadata.Element(ns + "repository")!.Attribute("commit")?.Value ?? "");
        Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "description")!.Value));
        Assert.Contains("genserver", metadata.Element(ns + "tags")!.Value);
        var dependencies = metadata.Descendants(ns + "dependency").Select(d => d.Attribute("id")!.Value).Order();
        Assert.Equal(["Microsoft.Extensions.Hosting.Abstractions", "Microsoft.Extensions.Logging.Abstractions"], dependencies);
    }

    [Fact]
    public void A_symbols_package_carries_the_pdb_with_the_sources_embedded()
    {
        using var symbols = ZipFile.OpenRead(packed.SymbolsPackage);
        var entry = symbols.Entries.Single(e => e.FullName == "lib/net10.0/Arbor.pdb");
        using var pdb = new MemoryStream();
        using (var stream = entry.Open())
        {
            stream.CopyTo(pdb);
        }

        pdb.Position = 0;
        using var provider = MetadataReaderProvider.FromPortablePdbStream(pdb);
        var reader = provider.GetMetadataReader();
        var embeddedSource = new Guid("0E8A571B-6926-466E-B4AD-8AB04611F5FE");
        var documentsWithSource = reader.CustomDebugInformation
            .Select(handle => reader.GetCustomDebugInformation(handle))
            .Count(info => reader.GetGuid(info.Kind) == embeddedSource && info.Parent.Kind == HandleKind.Document);
        Assert.True(documentsWithSource >= reader.Documents.Count / 2, $"{documentsWithSource} of {reader.Documents.Count} documents embed their source");
    }

    [Fact]
    public void The_package_readme_links_only_absolutely_and_the_icon_is_packed()
    {
        var metadata = Nuspec().Root!;
        var ns = metadata.Name.Namespace;
        Assert.Equal("icon.png", metadata.Element(ns + "metadata")!.Element(ns + "icon")!.Value);
        Assert.Contains("icon.png", Entries());

        var readme = ReadEntry("README.md");
        var links = Regex.Matches(readme, @"\]\(([^)]+)\)").Select(match => match.Groups[1].Value).ToList();
        Assert.NotEmpty(links);
        Assert.All(links, link => Assert.StartsWith("https://", link));
    }

    [Fact]
    public void The_build_props_apply_to_direct_and_transitive_consumers()
    {
        Assert.Contains("build/Arbor.props", Entries());
        Assert.Contains("buildTransitive/Arbor.props", Entries());
        Assert.Equal(ReadEntry("build/Arbor.props"), ReadEntry("buildTransitive/Arbor.props"));
    }

    private string ReadEntry(string name)
    {
        using var package = ZipFile.OpenRead(packed.Package);
        using var reader = new StreamReader(package.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    private string[] Entries()
    {
        using var package = ZipFile.OpenRead(packed.Package);
        return package.Entries.Select(entry => entry.FullName).ToArray();
    }

    private XDocument Nuspec()
    {
        using var package = ZipFile.OpenRead(packed.Package);
        using var stream = package.GetEntry("Arbor.nuspec")!.Open();
        return XDocument.Load(stream);
    }
}
