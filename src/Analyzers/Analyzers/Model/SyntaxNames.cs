using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Arbor.Analyzers;

/// <summary>Cheap, binding-free name checks the rules use to pick candidate syntax before asking the semantic model.</summary>
internal static class SyntaxNames
{
    /// <summary>The name of the invoked method: <c>Run</c> in <c>Task.Run(...)</c>, <c>M</c> in <c>M&lt;T&gt;()</c>, <c>x?.M()</c>.</summary>
    public static string? InvokedName(InvocationExpressionSyntax invocation) => NameOf(invocation.Expression);

    /// <summary>The rightmost simple name of an expression or type (<c>Timer</c> in <c>System.Threading.Timer</c>).</summary>
    public static string? NameOf(ExpressionSyntax expression) => expression switch
    {
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        _ => null,
    };
}
