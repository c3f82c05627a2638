using System.IO;
using System.IO.Compression;
using System.Linq;
using Arbor.Package.Tests.Support;

namespace Arbor.Package.Tests;

/// <summary>
/// The dashboard's own package (<c>Arbor.Dashboard</c>): packed from the repository next to Arbor, it carries its assembly with the
/// page inside, depends on Arbor, and a web application restored offline from the feed maps it with one line and serves it.
/// </summary>
[Collection(PackedArborCollection.Name)]
public sealed class DashboardPackageTests(PackedArbor packed)
{
    [Fact]
    public async Task The_package_holds_the_assembly_with_its_page_and_depends_on_Arbor_of_the_same_version()
    {
        var package = await packed.PackDashboardAsync();

        using var zip = ZipFile.OpenRead(package);
        var entries = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("lib/net10.0/Arbor.Dashboard.dll", entries);
        Assert.Contains("lib/net10.0/Arbor.Dashboard.xml", entries);
        Assert.Contains("README.md", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("analyzers/", StringComparison.Ordinal) || e.EndsWith("/Arbor.dll", StringComparison.Ordinal));

        using var nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        var text = await nuspec.ReadToEndAsync();
        Assert.Contains($"<dependency id=\"Arbor\" version=\"{packed.Version}\"", text, StringComparison.Ordinal);
        Assert.Contains("<frameworkReference name=\"Microsoft.AspNetCore.App\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_consumer_maps_the_dashboard_with_one_line_and_it_serves_the_page_and_the_process_table()
    {
        await packed.PackDashboardAsync();
        var consumer = packed.CreateConsumer("DashApp", ConsumerSources.DashboardApp, "Arbor", "Arbor.Dashboard");

        var build = await packed.Build(consumer);
        Assert.True(build.Succeeded, build.ToString());
        Assert.DoesNotContain("warning ARB", build.Output);

        var run = await packed.Run(consumer);
        Assert.True(run.Succeeded, run.ToString());
        Assert.Equal("page=True script=200 first=counter total=True", run.Output.Trim());
    }
}
