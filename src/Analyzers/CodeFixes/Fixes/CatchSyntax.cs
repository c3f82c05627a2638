using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Arbor.Analyzers.CodeFixes;

/// <summary>Finds the catch clause an ARB1001 diagnostic points at (its span starts at the <c>catch</c> keyword).</summary>
internal static class CatchSyntax
{
    public static CatchClauseSyntax? Find(SyntaxNode? root, Diagnostic diagnostic) =>
        root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent as CatchClauseSyntax;
}
