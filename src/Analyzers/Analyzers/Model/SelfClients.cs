using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Arbor.Analyzers;

/// <summary>
/// Recognises, inside one GenServer, a client that can only be the server itself: <c>SelfRef</c>,
/// <c>XxxRef.FromPid(Self)</c>, a lookup of the one name the server is registered under, or an alias of one of these —
/// a local whose every assigned value is one, a field whose initializer and every assignment in the type is one, or a
/// property whose getter returns one. A client that could be another process of the same type (a field filled from a
/// parameter or a message, a name the type shares with siblings, a computed name) is not the server itself.
/// </summary>
internal sealed class SelfClients
{
    /// <summary>How many aliases deep a client is followed (<c>var a = SelfRef; var b = a;</c>).</summary>
    private const int MaxDepth = 3;

    private readonly ArborSymbols _arbor;
    private readonly RegisteredNames _names;
    private readonly INamedTypeSymbol _server;
    private readonly ITypeSymbol? _ownClient;
    private readonly CancellationToken _cancellationToken;

    public SelfClients(ArborSymbols arbor, RegisteredNames names, INamedTypeSymbol server, CancellationToken cancellationToken)
    {
        _arbor = arbor;
        _names = names;
        _server = server;
        _cancellationToken = cancellationToken;
        foreach (var member in server.GetMembers("SelfRef"))
        {
            if (member is IPropertySymbol property)
            {
                _ownClient = property.Type;
            }
        }
    }

    /// <summary>The server's own client struct (or, for a hand-written server without SelfRef, any client).</summary>
    public bool IsOwnClientType(ITypeSymbol? type) =>
        type is not null && (_ownClient is null
            ? _arbor.IsProcessRef(type)
            : SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, _ownClient.OriginalDefinition));

    /// <summary>A static member of <c>Arbor.GenServer</c> (<c>GenServer.CallAsync</c>).</summary>
    public bool IsGenServerMethod(IMethodSymbol method) =>
        _arbor.GenServer is not null && SymbolEqualityComparer.Default.Equals(method.ContainingType, _arbor.GenServer);

    /// <summary><c>Self</c> (or <c>this.Self</c>): the process's own pid.</summary>
    public bool IsSelfPid(IOperation value) =>
        OperationWalk.WithoutConversions(value) is IPropertyReferenceOperation { Property: { Name: "Self" } property, Instance: var owner }
        && SymbolEqualityComparer.Default.Equals(property.ContainingType, _arbor.GenServer)
        && IsThis(owner);

    /// <summary>True when <paramref name="client"/>, used at <paramref name="use"/>, is certainly the server's own client.</summary>
    public bool IsSelfClient(IOperation? client, IOperation use) => IsSelfClient(client, use, MaxDepth);

    private bool IsSelfClient(IOperation? client, IOperation use, int depth)
    {
        if (depth == 0)
        {
            return false;
        }

        switch (OperationWalk.WithoutConversions(client))
        {
            case IPropertyReferenceOperation { Property.Name: "SelfRef", Instance: var owner }:
                return IsThis(owner);
            case IInvocationOperation { TargetMethod: { Name: "FromPid", IsStatic: true }, Arguments: { Length: 1 } arguments }:
                return IsSelfPid(arguments[0].Value);
            case IInvocationOperation { TargetMethod: { Name: "Whereis", IsGenericMethod: true } whereis, Arguments: { Length: 1 } arguments }:
                return IsOwnClientType(whereis.ReturnType)
                    && arguments[0].Value.ConstantValue is { HasValue: true, Value: string name }
                    && _names.OnlyNameOf(_server, _cancellationToken) == name;
            case ILocalReferenceOperation { Local: var local }:
                return LocalAlwaysSelf(local, use, depth);
            case IFieldReferenceOperation { Field: var field, Instance: var owner } when IsThis(owner) && SymbolEqualityComparer.Default.Equals(field.ContainingType, _server):
                return FieldAlwaysSelf(field);
            case IPropertyReferenceOperation { Property: var property, Instance: var owner } when IsThis(owner) && SymbolEqualityComparer.Default.Equals(property.ContainingType, _server):
                return GetterReturnsSelf(property);
            default:
                return false;
        }
    }

    /// <summary>Every value the local is given in its function (initializer and assignments) is the server's own client.</summary>
    private bool LocalAlwaysSelf(ILocalSymbol local, IOperation use, int depth)
    {
        var root = use;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        var values = 0;
        foreach (var operation in root.Descendants())
        {
            var value = operation switch
            {
                IVariableDeclaratorOperation { Symbol: var declared, Initializer.Value: var initial } when SymbolEqualityComparer.Default.Equals(declared, local) => initial,
                IAssignmentOperation { Target: ILocalReferenceOperation { Local: var target }, Value: var assigned } when SymbolEqualityComparer.Default.Equals(target, local) => assigned,
                _ => null,
            };

            if (value is null)
            {
                continue;
            }

            if (!IsSelfClient(value, use, depth - 1))
            {
                return false;
            }

            values++;
        }

        return values > 0;
    }

    /// <summary>The field's initializer and every assignment to it anywhere in the type is the server's own client (read from syntax).</summary>
    private bool FieldAlwaysSelf(IFieldSymbol field)
    {
        var values = 0;
        foreach (var reference in field.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(_cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } initial })
            {
                if (!IsSelfSyntax(initial))
                {
                    return false;
                }

                values++;
            }
        }

        foreach (var declaration in _server.DeclaringSyntaxReferences)
        {
            foreach (var node in declaration.GetSyntax(_cancellationToken).DescendantNodes())
            {
                if (node is AssignmentExpressionSyntax assignment && NamesField(assignment.Left, field.Name))
                {
                    if (!assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && !assignment.IsKind(SyntaxKind.CoalesceAssignmentExpression) || !IsSelfSyntax(assignment.Right))
                    {
                        return false;
                    }

                    values++;
                }
                else if (node is ArgumentSyntax { RefKindKeyword.RawKind: not 0, Expression: var passed } && NamesField(passed, field.Name))
                {
                    return false; // filled through ref/out: unknown
                }
            }
        }

        return values > 0;
    }

    /// <summary>A property of the server whose getter is <c>=&gt; SelfRef</c> (or returns a client built from Self).</summary>
    private bool GetterReturnsSelf(IPropertySymbol property)
    {
        foreach (var reference in property.DeclaringSyntaxReferences)
        {
            var returned = reference.GetSyntax(_cancellationToken) switch
            {
                PropertyDeclarationSyntax { ExpressionBody.Expression: var body } => body,
                PropertyDeclarationSyntax { AccessorList: { } accessors } => GetterExpression(accessors),
                _ => null,
            };

            return returned is not null && IsSelfSyntax(returned);
        }

        return false;
    }

    private static ExpressionSyntax? GetterExpression(AccessorListSyntax accessors)
    {
        foreach (var accessor in accessors.Accessors)
        {
            if (accessor.IsKind(SyntaxKind.GetAccessorDeclaration))
            {
                return accessor.ExpressionBody?.Expression
                    ?? (accessor.Body is { Statements.Count: 1 } body && body.Statements[0] is ReturnStatementSyntax { Expression: { } returned } ? returned : null);
            }
        }

        return null;
    }

    /// <summary><c>SelfRef</c>, <c>this.SelfRef</c>, <c>XxxRef.FromPid(Self)</c>, <c>XxxRef.FromPid(this.Self)</c>.</summary>
    private static bool IsSelfSyntax(ExpressionSyntax expression) => expression switch
    {
        ParenthesizedExpressionSyntax parenthesized => IsSelfSyntax(parenthesized.Expression),
        IdentifierNameSyntax { Identifier.ValueText: "SelfRef" } => true,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name.Identifier.ValueText: "SelfRef" } => true,
        InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } invocation when SyntaxNames.InvokedName(invocation) == "FromPid" =>
            invocation.ArgumentList.Arguments[0].Expression is IdentifierNameSyntax { Identifier.ValueText: "Self" }
                or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or BaseExpressionSyntax, Name.Identifier.ValueText: "Self" },
        _ => false,
    };

    private static bool NamesField(ExpressionSyntax expression, string name) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText == name,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var member } => member.Identifier.ValueText == name,
        _ => false,
    };

    private static bool IsThis(IOperation? operation) =>
        OperationWalk.WithoutConversions(operation) is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };
}
