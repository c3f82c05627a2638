using Arbor.Package.Tests.Support;
using Xunit.Abstractions;

namespace Arbor.Package.Tests;

/// <summary>
/// A project that references Arbor by PackageReference, restored offline from the packed feed: the generator writes its
/// client, the analyzers report a seeded defect, and the usual severity controls apply to it.
/// </summary>
[Collection(PackedArborCollection.Name)]
public sealed class ConsumerTests(PackedArbor packed, ITestOutputHelper output)
{
    [Fact]
    public async Task The_generated_client_works_at_run_time_and_a_clean_project_gets_no_Arbor_warnings()
    {
        output.WriteLine($"pack took {packed.PackDuration.TotalSeconds:0.0} s");
        var consumer = packed.CreateConsumer("App", ConsumerSources.App);

        var build = await packed.Build(consumer);
        Assert.True(build.Succeeded, build.ToString());
        Assert.DoesNotContain("warning ARB", build.Output);

        var run = await packed.Run(consumer);
        Assert.True(run.Succeeded, run.ToString());
        Assert.Equal("first=15 second=11 restarted=True", run.Output.Trim());
    }

    [Fact]
    public async Task The_test_kit_package_brings_Arbor_with_its_generator_and_works_without_a_test_framework()
    {
        await packed.PackTestKitAsync();
        var consumer = packed.CreateConsumer("KitApp", ConsumerSources.TestKitApp, "Arbor.Testing");

        var build = await packed.Build(consumer);
        Assert.True(build.Succeeded, build.ToString());

        var run = await packed.Run(consumer);
        Assert.True(run.Succeeded, run.ToString());
        Assert.Equal("added=15 down=boom report=boom", run.Output.Trim());
    }

    [Fact]
    public async Task A_seeded_defect_is_reported_as_a_warning_and_warnaserror_fails_the_build()
    {
        var consumer = packed.CreateConsumer("Defect", ConsumerSources.AppWithDefect());

        var build = await packed.Build(consumer);
        Assert.True(build.Succeeded, build.ToString());
        Assert.Contains("warning ARB1001", build.Output);
        Assert.Contains("catches every exception and does not rethrow it", build.Output);

        // A full rebuild: an up-to-date build would skip the compiler and so report nothing at all.
        var strict = await packed.Build(consumer, "-warnaserror", "--no-incremental");
        Assert.False(strict.Succeeded, strict.ToString());
        Assert.Contains("error ARB1001", strict.Output);
    }

    [Fact]
    public async Task An_editorconfig_severity_override_is_honoured()
    {
        var raised = packed.CreateConsumer("Raised", ConsumerSources.AppWithDefect("""
            root = true

            [*.cs]
            dotnet_diagnostic.ARB1001.severity = error
            """));
        var silenced = packed.CreateConsumer("Silenced", ConsumerSources.AppWithDefect("""
            root = true

            [*.cs]
            dotnet_diagnostic.ARB1001.severity = none
            """));

        var raisedBuild = await packed.Build(raised);
        Assert.False(raisedBuild.Succeeded, raisedBuild.ToString());
        Assert.Contains("error ARB1001", raisedBuild.Output);

        var silencedBuild = await packed.Build(silenced);
        Assert.True(silencedBuild.Succeeded, silencedBuild.ToString());
        Assert.DoesNotContain("ARB1001", silencedBuild.Output);
    }
}
