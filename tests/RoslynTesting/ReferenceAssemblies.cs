using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Arbor.RoslynTesting;

/// <summary>
/// Metadata references for test compilations: the SDK's own reference pack (what a real project compiles against)
/// plus <c>Arbor.dll</c>. Found from the running runtime's location, so nothing is downloaded.
/// </summary>
public static class ReferenceAssemblies
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_net = new(LoadNet);

    /// <summary>The net10.0 reference assemblies.</summary>
    public static ImmutableArray<MetadataReference> Net => s_net.Value;

    /// <summary>The net10.0 reference assemblies plus Arbor.dll (and its logging abstractions).</summary>
    public static ImmutableArray<MetadataReference> NetWithArbor { get; } = Net
        .Add(MetadataReference.CreateFromFile(typeof(Arbor.GenServer).Assembly.Location))
        .Add(MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location));

    private static ImmutableArray<MetadataReference> LoadNet()
    {
        var directory = FindReferencePack();
        return Directory.EnumerateFiles(directory, "*.dll")
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path, documentation: Documentation(path)))
            .ToImmutableArray();
    }

    /// <summary>
    /// The reference assembly's XML documentation (<c>System.Runtime.xml</c> next to <c>System.Runtime.dll</c>), as a real
    /// build's workspace (the IDE, <c>dotnet format</c>) provides it: code fixes read <c>&lt;exception&gt;</c> tags from it.
    /// </summary>
    private static DocumentationProvider? Documentation(string assemblyPath)
    {
        var xml = Path.ChangeExtension(assemblyPath, ".xml");
        return File.Exists(xml) ? XmlDocumentationProvider.CreateFromFile(xml) : null;
    }

    private static string FindReferencePack()
    {
        // <dotnet root>/shared/Microsoft.NETCore.App/<version>/ -> <dotnet root>/packs/Microsoft.NETCore.App.Ref/<version>/ref/net10.0
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        var version = Environment.Version;
        var candidates = Directory.Exists(packs)
            ? Directory.GetDirectories(packs)
                .Select(d => Path.Combine(d, "ref", $"net{version.Major}.{version.Minor}"))
                .Where(Directory.Exists)
                .OrderByDescending(d => d, StringComparer.Ordinal)
                .ToArray()
            : Array.Empty<string>();
        return candidates.FirstOrDefault()
            ?? throw new InvalidOperationException($"No reference pack for net{version.Major}.{version.Minor} under {packs}; the .NET SDK's packs folder is required.");
    }
}
