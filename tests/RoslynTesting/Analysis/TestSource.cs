namespace Arbor.RoslynTesting.Analysis;

/// <summary>A file of a test project: a C# source (may contain markup) or an .editorconfig, with its file name.</summary>
/// <param name="FileName">File name inside the project folder, e.g. <c>Test0.cs</c>, <c>Counter.g.cs</c> or <c>.editorconfig</c>.</param>
/// <param name="Text">The file's text (C# sources may contain markup).</param>
public sealed record TestSource(string FileName, string Text);
