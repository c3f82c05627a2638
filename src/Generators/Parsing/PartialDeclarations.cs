using System.Collections.Generic;
using Arbor.Generators.Diagnostics;
using Arbor.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Arbor.Generators.Parsing;

/// <summary>
/// The generator adds members to the declared type and to every type around it, so each must be <c>partial</c>:
/// one rule (ARB0001) shared by GenServers, state machines and declared protocols.
/// </summary>
internal static class PartialDeclarations
{
    /// <summary>Reports ARB0001 for the declaration and each enclosing type that is not partial; true when all are.</summary>
    /// <param name="type">The declared type.</param>
    /// <param name="declaration">Its declaration.</param>
    /// <param name="generatedHere">What the generator adds to the type itself, e.g. "the class (its dispatch ...)".</param>
    /// <param name="kind">What the type is, in the message about an enclosing type, e.g. "GenServer".</param>
    /// <param name="diagnostics">Where findings go.</param>
    public static bool Check(INamedTypeSymbol type, TypeDeclarationSyntax declaration, string generatedHere, string kind, List<DiagnosticInfo> diagnostics)
    {
        var ok = true;
        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, LocationInfo.From(declaration.Identifier), type.Name, generatedHere));
            ok = false;
        }

        for (var parent = declaration.Parent as TypeDeclarationSyntax; parent is not null; parent = parent.Parent as TypeDeclarationSyntax)
        {
            if (!parent.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, LocationInfo.From(parent.Identifier), parent.Identifier.ValueText, $"'{parent.Identifier.ValueText}', which contains the {kind} '{type.Name}' and its generated client"));
                ok = false;
            }
        }

        return ok;
    }
}
