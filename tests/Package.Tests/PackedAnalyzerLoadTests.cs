using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Arbor.Package.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Arbor.Package.Tests;

/// <summary>
/// The analyzer assemblies as an IDE meets them: taken out of the package, loaded in a context of their own that shares
/// the host's Roslyn, their analyzers and exported code fixes created by reflection, and every fix tied to a rule.
/// </summary>
[Collection(PackedArborCollection.Name)]
public sealed class PackedAnalyzerLoadTests(PackedArbor packed)
{
    [Fact]
    public void The_packed_analyzers_and_code_fixes_load_and_every_fix_belongs_to_a_packed_rule()
    {
        var folder = Extract();
        var context = new AnalyzerFolderContext(folder);
        var analyzers = context.LoadFromAssemblyPath(Path.Combine(folder, "Arbor.Analyzers.dll"));
        var fixes = context.LoadFromAssemblyPath(Path.Combine(folder, "Arbor.Analyzers.CodeFixes.dll"));
        Assert.Same(context, AssemblyLoadContext.GetLoadContext(analyzers));
        Assert.StartsWith(folder, analyzers.Location, StringComparison.Ordinal);

        var ruleIds = Instances<DiagnosticAnalyzer, DiagnosticAnalyzerAttribute>(analyzers)
            .SelectMany(analyzer => analyzer.SupportedDiagnostics)
            .Select(rule => rule.Id)
            .ToHashSet();
        var providers = Instances<CodeFixProvider, ExportCodeFixProviderAttribute>(fixes).ToList();

        Assert.Equal(11, ruleIds.Count);
        Assert.Equal(6, providers.Count);
        Assert.All(providers, provider =>
        {
            Assert.NotEmpty(provider.FixableDiagnosticIds);
            Assert.All(provider.FixableDiagnosticIds, id => Assert.Contains(id, ruleIds));
            Assert.NotNull(provider.GetFixAllProvider());
        });
    }

    private string Extract()
    {
        var folder = Path.Combine(packed.Workspace, "ide-load");
        Directory.CreateDirectory(folder);
        using var package = ZipFile.OpenRead(packed.Package);
        foreach (var entry in package.Entries.Where(e => e.FullName.StartsWith("analyzers/dotnet/cs/", StringComparison.Ordinal)))
        {
            entry.ExtractToFile(Path.Combine(folder, entry.Name), overwrite: true);
        }

        return folder;
    }

    /// <summary>One instance of every public concrete <typeparamref name="T"/> marked with <typeparamref name="TMark"/>, as the host discovers them.</summary>
    private static IEnumerable<T> Instances<T, TMark>(Assembly assembly)
        where TMark : System.Attribute =>
        assembly.GetExportedTypes()
            .Where(type => !type.IsAbstract && typeof(T).IsAssignableFrom(type) && type.GetCustomAttribute<TMark>() is not null)
            .Select(type => (T)System.Activator.CreateInstance(type)!);

    /// <summary>Loads the package's assemblies from its folder; Roslyn itself comes from the host, as in an IDE.</summary>
    private sealed class AnalyzerFolderContext(string folder) : AssemblyLoadContext("packed Arbor analyzers", isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName name)
        {
            var candidate = Path.Combine(folder, name.Name + ".dll");
            return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
        }
    }
}
