using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Arbor.Analyzers;

/// <summary>
/// Decides whether a call handler's reply is (or is a live view of) the server's own mutable state: one of its fields
/// or auto-properties reached from <c>this</c>, or a view over one that reads through to it later — <c>AsReadOnly()</c>,
/// a dictionary's <c>Keys</c>/<c>Values</c>, a read-only wrapper (<c>new ReadOnlyCollection&lt;T&gt;(_items)</c>), or deferred
/// LINQ (<c>Where</c>, <c>Select</c>, <c>OrderBy</c>...). Snapshots (<c>ToList()</c>, <c>ToArray()</c>, immutable
/// collections, copy constructors) and values computed from the state (<c>Count</c>, <c>Sum()</c>) are not state.
/// </summary>
internal static class ReplyState
{
    /// <summary>LINQ operators that return a lazy sequence over their source instead of a result.</summary>
    private static readonly ImmutableHashSet<string> s_deferredLinq = ImmutableHashSet.Create(
        "Where", "Select", "SelectMany", "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "Order", "OrderDescending",
        "Skip", "Take", "SkipWhile", "TakeWhile", "SkipLast", "TakeLast", "Reverse", "Distinct", "DistinctBy", "Concat",
        "Cast", "OfType", "Append", "Prepend", "Zip", "GroupBy", "Union", "UnionBy", "Except", "ExceptBy", "Intersect",
        "IntersectBy", "DefaultIfEmpty", "Chunk", "AsEnumerable", "Join", "GroupJoin");

    private static readonly ImmutableHashSet<string> s_readOnlyWrappers = ImmutableHashSet.Create(
        "System.Collections.ObjectModel.ReadOnlyCollection`1",
        "System.Collections.ObjectModel.ReadOnlyDictionary`2",
        "System.Collections.ObjectModel.ReadOnlyObservableCollection`1",
        "System.Collections.ObjectModel.ReadOnlySet`1");

    /// <summary>Binding-free filter: the replied expression is built only from names, member accesses and calls on them.</summary>
    public static bool LooksLikeState(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax => true,
        ThisExpressionSyntax => true,
        MemberAccessExpressionSyntax access => LooksLikeState(access.Expression),
        ParenthesizedExpressionSyntax parenthesized => LooksLikeState(parenthesized.Expression),
        CastExpressionSyntax cast => LooksLikeState(cast.Expression),
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } => LooksLikeState(access.Expression),
        InvocationExpressionSyntax { ArgumentList.Arguments.Count: > 0 } call => LooksLikeState(call.ArgumentList.Arguments[0].Expression),
        BaseObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 1 } creation => LooksLikeState(creation.ArgumentList!.Arguments[0].Expression),
        _ => false,
    };

    /// <summary>
    /// When <paramref name="replied"/> is the server's mutable state or a view of it: the state's member and why it is
    /// mutable (mentioning the view when there is one); otherwise null.
    /// </summary>
    public static (ISymbol Member, string Why)? Find(IOperation replied)
    {
        var current = OperationWalk.WithoutConversions(replied);
        string? view = null;
        for (var depth = 0; current is not null && depth < 8; depth++)
        {
            if (IsOwnState(current, out var member, out var type))
            {
                return Mutability.WhyStateIsMutable(type) is { } why
                    ? (member, view is null ? why : $"{view} over '{member.Name}', and {why}")
                    : null;
            }

            (current, var kind) = ViewedSource(current!);
            view ??= kind;
            current = OperationWalk.WithoutConversions(current);
        }

        return null;
    }

    /// <summary>What a view reads through to, and how to call the view in a message.</summary>
    private static (IOperation? Source, string? Kind) ViewedSource(IOperation operation) => operation switch
    {
        IInvocationOperation { TargetMethod: { Name: "AsReadOnly" } method } invocation =>
            (invocation.Instance ?? FirstArgument(invocation), $"'{method.Name}()' is a live view"),
        IInvocationOperation { TargetMethod: { } method } invocation when IsDeferredLinq(method) =>
            (FirstArgument(invocation), $"'{method.Name}' is evaluated later, on the caller's side,"),
        IPropertyReferenceOperation { Property.Name: "Keys" or "Values", Instance: { } dictionary } when dictionary.Type is { } type && Mutability.IsMutableCollection(type) =>
            (dictionary, "'Keys'/'Values' is a live view"),
        IObjectCreationOperation { Type: INamedTypeSymbol created, Arguments.Length: 1 } wrapper when s_readOnlyWrappers.Contains(MetadataName(created.OriginalDefinition)) =>
            (wrapper.Arguments[0].Value, $"'{created.Name}' wraps without copying: it is a live view"),
        _ => (null, null),
    };

    private static IOperation? FirstArgument(IInvocationOperation invocation) =>
        invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null;

    private static bool IsDeferredLinq(IMethodSymbol method) =>
        method.IsExtensionMethod
        && s_deferredLinq.Contains(method.Name)
        && method.ContainingType is { Name: "Enumerable" } type
        && type.ContainingNamespace?.ToDisplayString() == "System.Linq";

    /// <summary>A field or auto-property reached from <c>this</c> through fields only (<c>_items</c>, <c>_state.Items</c>).</summary>
    public static bool IsOwnState(IOperation operation, out ISymbol member, out ITypeSymbol type)
    {
        member = null!;
        type = null!;
        IOperation? instance;
        switch (operation)
        {
            case IFieldReferenceOperation { Field.IsStatic: false } field:
                member = field.Field;
                instance = field.Instance;
                break;
            case IPropertyReferenceOperation { Property: { IsStatic: false, IsIndexer: false } property } reference when PropertyShape.IsAutoProperty(property):
                member = property;
                instance = reference.Instance;
                break;
            default:
                return false;
        }

        instance = OperationWalk.WithoutConversions(instance);
        var rooted = instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }
            || (instance is not null && IsOwnState(instance, out _, out _));
        if (!rooted || operation.Type is null)
        {
            return false;
        }

        type = operation.Type;
        return true;
    }

    private static string MetadataName(INamedTypeSymbol type)
    {
        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } containing ? containing.ToDisplayString() + "." : string.Empty;
        return ns + type.MetadataName;
    }
}
