using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Arbor.Package.Tests.Support;

/// <summary>
/// A fenced <c>```csharp</c> block of a Markdown document, with the directive that may precede it:
/// <c>&lt;!-- sample: path --&gt;</c> (the block is that file of the repository, verbatim) or
/// <c>&lt;!-- expect: ARB1001, ... --&gt;</c> (the block deliberately shows those diagnostics), or
/// <c>&lt;!-- continues --&gt;</c> (the block is the next file of the project the previous block started, as a guide
/// builds one project step by step; it is compiled together with the blocks before it in the chain), or
/// <c>&lt;!-- file: Name.cs --&gt;</c> (the block is that file of the one project the document builds, as a reader
/// following it in order has it: a new file, or a new version of an earlier one; it is compiled with the latest version
/// of every other file the document has shown so far).
/// </summary>
public sealed partial record MarkdownCodeBlock(
    string Document,
    int Line,
    string Code,
    string? SamplePath,
    IReadOnlyList<string> ExpectedDiagnostics,
    IReadOnlyList<string> EarlierFiles,
    string? ProjectFile = null)
{
    public static IReadOnlyList<MarkdownCodeBlock> Read(string document)
    {
        var lines = File.ReadAllLines(Repository.PathOf(document));
        var blocks = new List<MarkdownCodeBlock>();
        var project = new List<(string Path, string Code)>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "```csharp")
            {
                continue;
            }

            var start = i;
            var end = Array.FindIndex(lines, start + 1, line => line.Trim() == "```");
            if (end < 0)
            {
                throw new InvalidOperationException($"{document}:{start + 1}: the code block is never closed.");
            }

            var directive = PrecedingDirective(lines, start);
            var sample = directive is { } d && SampleDirective().Match(d) is { Success: true } s ? s.Groups[1].Value : null;
            var expected = directive is { } e && ExpectDirective().Match(e) is { Success: true } x
                ? x.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                : [];
            var code = string.Join("\n", lines[(start + 1)..end]);
            var file = directive is { } f && FileDirective().Match(f) is { Success: true } m ? m.Groups[1].Value : null;
            IReadOnlyList<string> earlier = directive is { } c && ContinuesDirective().IsMatch(c)
                ? blocks.Count > 0 ? [.. blocks[^1].EarlierFiles, blocks[^1].Code] : throw new InvalidOperationException($"{document}:{start + 1}: 'continues' needs an earlier block.")
                : file is not null ? [.. project.Where(entry => entry.Path != file).Select(entry => entry.Code)]
                : [];
            if (file is not null)
            {
                project.RemoveAll(entry => entry.Path == file);
                project.Add((file, code));
            }

            blocks.Add(new MarkdownCodeBlock(document, start + 1, code, sample, expected, earlier, file));
            i = end;
        }

        return blocks;
    }

    public override string ToString() => $"{Document}:{Line}";

    private static string? PrecedingDirective(string[] lines, int fence)
    {
        for (var i = fence - 1; i >= 0; i--)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }

            return lines[i].TrimStart().StartsWith("<!--", StringComparison.Ordinal) ? lines[i].Trim() : null;
        }

        return null;
    }

    [GeneratedRegex(@"^<!--\s*sample:\s*(\S+)\s*-->$")]
    private static partial Regex SampleDirective();

    [GeneratedRegex(@"^<!--\s*file:\s*(\S+)\s*-->$")]
    private static partial Regex FileDirective();

    [GeneratedRegex(@"^<!--\s*continues\s*-->$")]
    private static partial Regex ContinuesDirective();

    [GeneratedRegex(@"^<!--\s*expect:\s*([A-Z0-9,\s]+?)\s*-->$")]
    private static partial Regex ExpectDirective();
}
