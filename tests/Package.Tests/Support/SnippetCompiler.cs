using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Arbor.Generators;
using Arbor.RoslynTesting;
using Arbor.RoslynTesting.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Arbor.Package.Tests.Support;

/// <summary>
/// Compiles a documentation snippet as a user's project would: net10.0 plus Arbor, the generic host and ASP.NET Core,
/// nullable on, with the Arbor generator and every Arbor analyzer running over it.
/// </summary>
public static class SnippetCompiler
{
    private static readonly ImmutableArray<MetadataReference> s_references = LoadReferences();

    private static readonly ImmutableArray<DiagnosticAnalyzer> s_analyzers = typeof(Arbor.Analyzers.DiagnosticIds).Assembly.GetTypes()
        .Where(type => typeof(DiagnosticAnalyzer).IsAssignableFrom(type) && !type.IsAbstract && type.IsDefined(typeof(DiagnosticAnalyzerAttribute), false))
        .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
        .ToImmutableArray();

    /// <summary>Errors and warnings of the snippet, the generated code, and the analyzers.</summary>
    public static async Task<IReadOnlyList<Diagnostic>> Diagnose(string code, string path, IReadOnlyList<string> earlierFiles)
    {
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = earlierFiles
            .Select((earlier, index) => CSharpSyntaxTree.ParseText(earlier, options, $"{path} (earlier block {index + 1})"))
            .Append(CSharpSyntaxTree.ParseText(code, options, path))
            .ToList();
        var isProgram = trees.Any(tree => tree.GetRoot().DescendantNodes().OfType<GlobalStatementSyntax>().Any());
        var compilation = CSharpCompilation.Create(
            "Snippet",
            trees,
            s_references,
            new CSharpCompilationOptions(
                isProgram ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable));
        var run = GeneratorRun.Start(new GenServerGenerator(), compilation);
        if (run.Exceptions.FirstOrDefault() is { } failure)
        {
            throw new InvalidOperationException("The generator threw on " + path, failure);
        }

        var analyzed = await run.Output.WithAnalyzers(s_analyzers).GetAllDiagnosticsAsync();
        return run.GeneratorDiagnostics.Concat(analyzed)
            .Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning)
            // The harness parses generated code with documentation diagnostics on (the generator's own tests want
            // them); a user project without GenerateDocumentationFile never reports missing XML comments.
            .Where(diagnostic => diagnostic.Id != "CS1591")
            // ARB1008 judges a whole program (no child spec anywhere references the server); a documentation block is an
            // excerpt, and the guide starts a server by hand before it shows the supervisor that would own it.
            .Where(diagnostic => diagnostic.Id != "ARB1008")
            .ToList();
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        // The SDK reference pack and Arbor first; then the ASP.NET Core shared framework (generic host, DI, logging,
        // minimal APIs) for whatever it adds. One reference per assembly name.
        var byName = new Dictionary<string, MetadataReference>(StringComparer.OrdinalIgnoreCase);
        foreach (var reference in ReferenceAssemblies.NetWithArbor.OfType<PortableExecutableReference>())
        {
            byName.TryAdd(Path.GetFileName(reference.FilePath!), reference);
        }

        // The dashboard package, for the blocks that mount it (app.MapArborDashboard).
        var dashboard = typeof(Arbor.Dashboard.DashboardEndpointExtensions).Assembly.Location;
        byName.TryAdd(Path.GetFileName(dashboard), MetadataReference.CreateFromFile(dashboard));

        var aspNetCore = Path.GetDirectoryName(typeof(Microsoft.AspNetCore.Builder.WebApplication).Assembly.Location)!;
        foreach (var file in Directory.EnumerateFiles(aspNetCore, "*.dll").Order(StringComparer.Ordinal))
        {
            byName.TryAdd(Path.GetFileName(file), MetadataReference.CreateFromFile(file));
        }

        return [.. byName.Values];
    }
}
