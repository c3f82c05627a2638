using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Arbor.RoslynTesting.Generators;

/// <summary>
/// Builds test compilations the way a user project compiles: net10.0 reference pack plus Arbor.dll, nullable enabled,
/// latest language version, XML documentation diagnosed (so missing docs on generated public API show up as warnings).
/// </summary>
public static class SourceCompilation
{
    /// <summary>The parse options test sources and generated sources share.</summary>
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    /// <summary>Compiles <paramref name="sources"/> as <c>Source0.cs</c>, <c>Source1.cs</c>, ... into a library named <paramref name="assemblyName"/>.</summary>
    public static CSharpCompilation Create(string assemblyName, params string[] sources) =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select((source, index) => Parse(source, $"Source{index}.cs")),
            ReferenceAssemblies.NetWithArbor,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                concurrentBuild: false,
                deterministic: true));

    /// <summary>Parses one source file with the shared options.</summary>
    public static SyntaxTree Parse(string source, string path) => CSharpSyntaxTree.ParseText(source, ParseOptions, path);
}
