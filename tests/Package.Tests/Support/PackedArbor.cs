using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;

namespace Arbor.Package.Tests.Support;

/// <summary>
/// Packs the repository's Arbor project once into a local folder feed, and lays out a workspace where throwaway
/// consumer projects restore it by PackageReference, offline: the only sources are that feed and the machine's global
/// packages folder (for Arbor's own dependencies), and restores go to a private packages folder.
/// </summary>
public sealed class PackedArbor : IAsyncLifetime
{
    private readonly SemaphoreSlim _testKitPack = new(1, 1);
    private readonly SemaphoreSlim _dashboardPack = new(1, 1);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "arbor-package-tests", Guid.NewGuid().ToString("N"));

    public string Feed => Path.Combine(_root, "feed");

    public string Workspace => Path.Combine(_root, "consumers");

    public string PackagesFolder => Path.Combine(_root, "packages");

    /// <summary>The packed <c>.nupkg</c>.</summary>
    public string Package { get; private set; } = "";

    /// <summary>The symbols package next to it.</summary>
    public string SymbolsPackage => Path.ChangeExtension(Package, ".snupkg");

    public string Version { get; private set; } = "";

    public TimeSpan PackDuration { get; private set; }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        var clock = Stopwatch.StartNew();
        var pack = await DotNet.Run(Repository.Root,
        [
            "pack", Repository.PathOf("src/Runtime/Arbor.csproj"), "-c", Repository.Configuration, "-o", Feed,
            "--disable-build-servers", "-nologo",
        ]);
        PackDuration = clock.Elapsed;
        if (!pack.Succeeded)
        {
            throw new InvalidOperationException("Packing Arbor failed:\n" + pack);
        }

        Package = Directory.GetFiles(Feed, "Arbor.*.nupkg").Single(path => Path.GetFileName(path) is var name && !name.StartsWith("Arbor.Testing.", StringComparison.Ordinal) && !name.StartsWith("Arbor.Dashboard.", StringComparison.Ordinal));
        Version = Path.GetFileNameWithoutExtension(Package)["Arbor.".Length..];
        WriteWorkspace(await DotNet.GlobalPackagesFolder());
    }

    /// <summary>
    /// Packs the test kit (<c>Arbor.Testing</c>) into the same feed, once, for the tests that consume it; the others do not
    /// pay for it.
    /// </summary>
    public async Task PackTestKitAsync()
    {
        await _testKitPack.WaitAsync();
        try
        {
            if (Directory.GetFiles(Feed, "Arbor.Testing.*.nupkg").Length > 0)
            {
                return;
            }

            var pack = await DotNet.Run(Repository.Root,
            [
                "pack", Repository.PathOf("src/Testing/Arbor.Testing.csproj"), "-c", Repository.Configuration, "-o", Feed,
                "--disable-build-servers", "-nologo",
            ]);
            if (!pack.Succeeded)
            {
                throw new InvalidOperationException("Packing Arbor.Testing failed:\n" + pack);
            }
        }
        finally
        {
            _testKitPack.Release();
        }
    }

    /// <summary>
    /// Packs the dashboard (<c>Arbor.Dashboard</c>, which depends on the Arbor package of the same version) into the same
    /// feed, once, for the tests that consume it; returns the packed <c>.nupkg</c>.
    /// </summary>
    public async Task<string> PackDashboardAsync()
    {
        await _dashboardPack.WaitAsync();
        try
        {
            if (Directory.GetFiles(Feed, "Arbor.Dashboard.*.nupkg") is [var packed])
            {
                return packed;
            }

            var pack = await DotNet.Run(Repository.Root,
            [
                "pack", Repository.PathOf("src/Dashboard/Arbor.Dashboard.csproj"), "-c", Repository.Configuration, "-o", Feed,
                "--disable-build-servers", "-nologo",
            ]);
            if (!pack.Succeeded)
            {
                throw new InvalidOperationException("Packing Arbor.Dashboard failed:\n" + pack);
            }

            return Directory.GetFiles(Feed, "Arbor.Dashboard.*.nupkg").Single(path => !path.EndsWith(".snupkg", StringComparison.Ordinal));
        }
        finally
        {
            _dashboardPack.Release();
        }
    }

    /// <summary>Writes a consumer project referencing the packed Arbor (or the other <paramref name="packages"/> of the feed), plus <paramref name="files"/>; returns its directory.</summary>
    public string CreateConsumer(string name, IReadOnlyDictionary<string, string> files, params string[] packages)
    {
        var references = string.Join("\n", (packages.Length == 0 ? new[] { "Arbor" } : packages).Select(p => $"    <PackageReference Include=\"{p}\" Version=\"{Version}\" />"));
        var directory = Path.Combine(Workspace, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <!-- The apphost pack would be a download; `dotnet App.dll` needs none. -->
                <UseAppHost>false</UseAppHost>
              </PropertyGroup>
              <ItemGroup>
            {references}
              </ItemGroup>
            </Project>
            """);
        foreach (var (path, content) in files)
        {
            File.WriteAllText(Path.Combine(directory, path), content);
        }

        return directory;
    }

    /// <summary>Builds a consumer (restoring it first) with extra <paramref name="arguments"/>.</summary>
    public Task<CommandResult> Build(string consumer, params string[] arguments) =>
        DotNet.Run(consumer, ["build", "-c", "Release", "--disable-build-servers", "-nologo", .. arguments], PackagesFolder);

    /// <summary>Runs a built consumer.</summary>
    public Task<CommandResult> Run(string consumer) =>
        DotNet.Run(consumer, [Path.Combine("bin", "Release", "net10.0", Path.GetFileName(consumer) + ".dll")], PackagesFolder);

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open (a lingering compiler) only leaves a temp folder behind; the results stand.
        }

        return Task.CompletedTask;
    }

    private void WriteWorkspace(string machinePackages)
    {
        Directory.CreateDirectory(Workspace);
        Directory.CreateDirectory(PackagesFolder);
        File.WriteAllText(Path.Combine(Workspace, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="arbor-local-feed" value="{Feed}" />
                <add key="machine-global-packages" value="{machinePackages}" />
              </packageSources>
              <config>
                <add key="globalPackagesFolder" value="{PackagesFolder}" />
              </config>
            </configuration>
            """);

        // Stop MSBuild from walking further up for Directory.Build.* files: the consumer sees only the package.
        File.WriteAllText(Path.Combine(Workspace, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(Workspace, "Directory.Build.targets"), "<Project />");
    }
}

[CollectionDefinition(Name)]
public sealed class PackedArborCollection : ICollectionFixture<PackedArbor>
{
    public const string Name = "Packed Arbor";
}
