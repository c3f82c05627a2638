using System.IO;
using System.Linq;
using Arbor.Package.Tests.Support;

namespace Arbor.Package.Tests;

/// <summary>
/// Every C# block of the README and the guides compiles with the generator, and raises exactly the Arbor diagnostics
/// its <c>expect</c> directive announces (none by default); a block marked as a sample is that sample's file, verbatim.
/// </summary>
public sealed class DocumentationCodeTests
{
    private static readonly string[] s_documents = ["README.md", "docs/getting-started.md", "docs/hosting.md", "docs/tasks.md", "docs/dashboard.md", "src/Runtime/Package/README.md"];

    public static TheoryData<string, int> Blocks()
    {
        var data = new TheoryData<string, int>();
        foreach (var block in s_documents.SelectMany(MarkdownCodeBlock.Read))
        {
            data.Add(block.Document, block.Line);
        }

        return data;
    }

    [Fact]
    public void The_documents_have_code_to_check()
    {
        Assert.All(s_documents, document => Assert.NotEmpty(MarkdownCodeBlock.Read(document)));
    }

    [Fact]
    public void The_getting_started_guide_is_one_project_whose_every_block_names_its_file()
    {
        var blocks = MarkdownCodeBlock.Read("docs/getting-started.md");

        Assert.All(blocks, block => Assert.True(block.ProjectFile is not null, $"{block} has no <!-- file: ... --> directive; a reader would not know where it goes."));
        Assert.Contains(blocks, block => block.ProjectFile == "Program.cs" && block.EarlierFiles.Count >= 4);
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public async Task The_block_compiles_and_reports_only_what_it_announces(string document, int line)
    {
        var block = MarkdownCodeBlock.Read(document).Single(b => b.Line == line);
        if (block.SamplePath is { } sample)
        {
            var file = File.ReadAllText(Repository.PathOf(sample)).ReplaceLineEndings("\n").TrimEnd();
            Assert.True(file == block.Code.TrimEnd(), $"{block} should be {sample} verbatim; copy the file into the block again.");
            return;
        }

        var diagnostics = await SnippetCompiler.Diagnose(block.Code, block.ToString(), block.EarlierFiles);

        var unexpected = diagnostics.Where(d => !block.ExpectedDiagnostics.Contains(d.Id)).ToList();
        Assert.True(unexpected.Count == 0, $"{block}:\n" + string.Join("\n", unexpected));
        Assert.All(block.ExpectedDiagnostics, id => Assert.Contains(diagnostics, d => d.Id == id));
    }
}
