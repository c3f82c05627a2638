using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Arbor.RoslynTesting.Analysis;

/// <summary>
/// Builds a one-project <see cref="AdhocWorkspace"/> from test files: C# documents under <c>/src/</c>, .editorconfig
/// files as analyzer config documents (so severities and options flow exactly as in a real build), referencing the SDK's
/// reference pack plus Arbor.dll.
/// </summary>
public static class TestProjectFactory
{
    /// <summary>The folder every test file lives in.</summary>
    public const string Folder = "/src/";

    /// <summary>Creates the project. Sources are plain C# (markup already removed).</summary>
    public static Project Create(IEnumerable<TestSource> sources, IEnumerable<TestSource>? analyzerConfigs = null, IEnumerable<MetadataReference>? references = null)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId("Test");
        var projectInfo = ProjectInfo.Create(
            projectId,
            VersionStamp.Create(),
            name: "Test",
            assemblyName: "Test",
            language: LanguageNames.CSharp,
            filePath: Folder + "Test.csproj",
            compilationOptions: new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            metadataReferences: references ?? ReferenceAssemblies.NetWithArbor);

        var solution = workspace.CurrentSolution.AddProject(projectInfo);
        foreach (var source in sources)
        {
            solution = solution.AddDocument(DocumentInfo.Create(
                DocumentId.CreateNewId(projectId, source.FileName),
                source.FileName,
                loader: TextLoader.From(TextAndVersion.Create(SourceText.From(source.Text), VersionStamp.Create())),
                filePath: Folder + source.FileName));
        }

        foreach (var config in analyzerConfigs ?? Enumerable.Empty<TestSource>())
        {
            solution = solution.AddAnalyzerConfigDocument(
                DocumentId.CreateNewId(projectId, config.FileName),
                config.FileName,
                SourceText.From(config.Text),
                filePath: Folder + config.FileName);
        }

        return solution.GetProject(projectId)!;
    }
}
