using System.Linq;
using System.Threading;
using Arbor.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Arbor.Generators.Parsing;

/// <summary>
/// Precise locations inside a method or constructor declaration (its name, return type, a parameter, the async
/// keyword), so each diagnostic points at the part that is wrong. Falls back to the symbol's location.
/// </summary>
internal sealed class DeclarationLocations
{
    private readonly IMethodSymbol _method;
    private readonly BaseMethodDeclarationSyntax? _syntax;

    public DeclarationLocations(IMethodSymbol method, CancellationToken cancellationToken)
    {
        _method = method;
        _syntax = method.DeclaringSyntaxReferences
            .Select(reference => reference.GetSyntax(cancellationToken))
            .OfType<BaseMethodDeclarationSyntax>()
            .FirstOrDefault();
    }

    public LocationInfo? Name => _syntax switch
    {
        MethodDeclarationSyntax method => LocationInfo.From(method.Identifier),
        ConstructorDeclarationSyntax constructor => LocationInfo.From(constructor.Identifier),
        _ => Fallback,
    };

    public LocationInfo? ReturnType => _syntax is MethodDeclarationSyntax method ? LocationInfo.From(method.ReturnType) : Fallback;

    public LocationInfo? TypeParameters => _syntax is MethodDeclarationSyntax { TypeParameterList: { } list } ? LocationInfo.From(list) : Name;

    public LocationInfo? AsyncKeyword
    {
        get
        {
            var modifier = _syntax?.Modifiers.FirstOrDefault(token => token.IsKind(SyntaxKind.AsyncKeyword));
            return modifier is { } token && token.IsKind(SyntaxKind.AsyncKeyword) ? LocationInfo.From(token) : Name;
        }
    }

    public LocationInfo? Parameter(int index) =>
        _syntax?.ParameterList.Parameters is { } parameters && index < parameters.Count ? LocationInfo.From(parameters[index]) : Name;

    /// <summary>Within parameter <paramref name="index"/>'s type, the name <paramref name="typeName"/> (e.g. <c>Secret</c> in <c>List&lt;Secret&gt;</c>).</summary>
    public LocationInfo? ParameterTypeNamed(int index, string typeName) =>
        _syntax?.ParameterList.Parameters is { } parameters && index < parameters.Count && parameters[index].Type is { } type
            ? Named(type, typeName)
            : Parameter(index);

    /// <summary>Within the return type, the name <paramref name="typeName"/>.</summary>
    public LocationInfo? ReturnTypeNamed(string typeName) =>
        _syntax is MethodDeclarationSyntax method ? Named(method.ReturnType, typeName) : Fallback;

    public LocationInfo? ParameterList => _syntax is { ParameterList: { } list } ? LocationInfo.From(list) : Name;

    private static LocationInfo? Named(TypeSyntax type, string typeName)
    {
        var name = type.DescendantNodesAndSelf()
            .OfType<SimpleNameSyntax>()
            .FirstOrDefault(candidate => candidate.Identifier.ValueText == typeName);
        return LocationInfo.From((SyntaxNode?)name ?? type);
    }

    private LocationInfo? Fallback => LocationInfo.From(_method.Locations.FirstOrDefault());
}
