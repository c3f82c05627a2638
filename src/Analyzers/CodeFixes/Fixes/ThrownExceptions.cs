using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Arbor.Analyzers.CodeFixes;

/// <summary>
/// What a try block is known to throw: exceptions it throws itself (<c>throw new X(...)</c>) and those documented on
/// the methods, constructors and properties it calls (<c>&lt;exception cref="..."/&gt;</c> in their XML docs: the
/// BCL's reference assemblies carry them, and so do the user's own documented helpers). Usage errors
/// (<c>ArgumentException</c> and its subclasses, <c>NullReferenceException</c>) are left out: catching them hides bugs.
/// Code in lambdas and local functions is skipped: it runs whenever it is invoked.
/// </summary>
internal static class ThrownExceptions
{
    public static IReadOnlyList<INamedTypeSymbol> Of(SemanticModel model, BlockSyntax block, CancellationToken cancellationToken)
    {
        var compilation = model.Compilation;
        var exception = compilation.GetTypeByMetadataName("System.Exception");
        var argumentException = compilation.GetTypeByMetadataName("System.ArgumentException");
        var nullReference = compilation.GetTypeByMetadataName("System.NullReferenceException");
        var found = new List<INamedTypeSymbol>();

        void Add(ITypeSymbol? type)
        {
            if (type is INamedTypeSymbol named
                && !SymbolEqualityComparer.Default.Equals(named, exception)
                && DerivesFrom(named, exception)
                && !DerivesFrom(named, argumentException)
                && !SymbolEqualityComparer.Default.Equals(named, nullReference)
                && !found.Contains(named, SymbolEqualityComparer.Default))
            {
                found.Add(named);
            }
        }

        foreach (var node in block.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            switch (node)
            {
                case ThrowStatementSyntax { Expression: ObjectCreationExpressionSyntax creation }:
                    Add(model.GetTypeInfo(creation, cancellationToken).Type);
                    break;
                case ThrowExpressionSyntax { Expression: ObjectCreationExpressionSyntax creation }:
                    Add(model.GetTypeInfo(creation, cancellationToken).Type);
                    break;
                case InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax or ElementAccessExpressionSyntax or MemberAccessExpressionSyntax:
                    foreach (var documented in Documented(Called(model.GetOperation(node, cancellationToken)), compilation, cancellationToken))
                    {
                        Add(documented);
                    }

                    break;
            }
        }

        return found;
    }

    /// <summary>The member an operation calls (a method, a constructor, or a property's getter or setter).</summary>
    private static ISymbol? Called(IOperation? operation) => operation switch
    {
        IInvocationOperation invocation => invocation.TargetMethod,
        IObjectCreationOperation creation => creation.Constructor,
        IPropertyReferenceOperation property => property.Property,
        _ => null,
    };

    /// <summary>The exception types in the member's XML documentation.</summary>
    private static IEnumerable<ITypeSymbol> Documented(ISymbol? member, Compilation compilation, CancellationToken cancellationToken)
    {
        var xml = (member as IMethodSymbol)?.ReducedFrom?.GetDocumentationCommentXml(cancellationToken: cancellationToken)
            ?? member?.GetDocumentationCommentXml(cancellationToken: cancellationToken);
        if (string.IsNullOrWhiteSpace(xml))
        {
            yield break;
        }

        XElement root;
        try
        {
            root = XElement.Parse("<doc>" + xml + "</doc>");
        }
        catch (System.Xml.XmlException)
        {
            yield break; // hand-written docs that are not well-formed: nothing known
        }

        foreach (var element in root.Descendants("exception"))
        {
            var cref = (string?)element.Attribute("cref");
            if (cref is { Length: > 2 } && cref[1] == ':' && compilation.GetTypeByMetadataName(cref.Substring(2)) is { } type)
            {
                yield return type;
            }
        }
    }

    public static bool DerivesFrom(ITypeSymbol type, ITypeSymbol? baseType)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseType))
            {
                return true;
            }
        }

        return false;
    }
}
