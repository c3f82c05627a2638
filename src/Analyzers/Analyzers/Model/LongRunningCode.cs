using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Arbor.Analyzers;

/// <summary>
/// Code that obviously runs for a long time on its thread: loops with no way out, and the BCL's synchronous I/O.
/// (Waiting on tasks, wait handles and <c>Thread.Sleep</c> is ARB1009's.)
/// </summary>
internal sealed class LongRunningCode
{
    private readonly INamedTypeSymbol? _file;
    private readonly INamedTypeSymbol? _stream;
    private readonly INamedTypeSymbol? _memoryStream;
    private readonly INamedTypeSymbol? _unmanagedMemoryStream;
    private readonly INamedTypeSymbol? _streamReader;
    private readonly INamedTypeSymbol? _socket;
    private readonly INamedTypeSymbol? _httpClient;
    private readonly INamedTypeSymbol? _process;
    private readonly INamedTypeSymbol? _console;
    private readonly INamedTypeSymbol? _dns;

    public LongRunningCode(Compilation compilation)
    {
        _file = compilation.GetTypeByMetadataName("System.IO.File");
        _stream = compilation.GetTypeByMetadataName("System.IO.Stream");
        _memoryStream = compilation.GetTypeByMetadataName("System.IO.MemoryStream");
        _unmanagedMemoryStream = compilation.GetTypeByMetadataName("System.IO.UnmanagedMemoryStream");
        _streamReader = compilation.GetTypeByMetadataName("System.IO.StreamReader");
        _socket = compilation.GetTypeByMetadataName("System.Net.Sockets.Socket");
        _httpClient = compilation.GetTypeByMetadataName("System.Net.Http.HttpClient");
        _process = compilation.GetTypeByMetadataName("System.Diagnostics.Process");
        _console = compilation.GetTypeByMetadataName("System.Console");
        _dns = compilation.GetTypeByMetadataName("System.Net.Dns");
    }

    /// <summary>Binding-free filter: names of the synchronous I/O methods <see cref="DescribeBlockingIo"/> recognises.</summary>
    public static bool MayBeBlockingIo(string name) => name switch
    {
        "ReadAllText" or "ReadAllBytes" or "ReadAllLines" or "WriteAllText" or "WriteAllBytes" or "WriteAllLines"
            or "AppendAllText" or "AppendAllLines" or "Copy" => true,
        "Read" or "Write" or "CopyTo" or "ReadExactly" or "ReadAtLeast" or "ReadToEnd" or "ReadLine" or "ReadKey" => true,
        "Receive" or "Send" or "Connect" or "Accept" or "ReceiveFrom" or "SendTo" => true,
        "WaitForExit" or "GetHostEntry" or "GetHostAddresses" => true,
        _ => false,
    };

    /// <summary>How a synchronous I/O call is shown (<c>File.ReadAllText blocks on I/O</c>), or null when <paramref name="method"/> is not one.</summary>
    public string? DescribeBlockingIo(IMethodSymbol method)
    {
        if (method.ContainingType?.OriginalDefinition is not { } type)
        {
            return null;
        }

        var name = method.Name;
        var blocks = (Is(type, _file) && name is "ReadAllText" or "ReadAllBytes" or "ReadAllLines" or "WriteAllText" or "WriteAllBytes" or "WriteAllLines" or "AppendAllText" or "AppendAllLines" or "Copy")
            || (name is "Read" or "Write" or "CopyTo" or "ReadExactly" or "ReadAtLeast" && IsFileOrNetworkStream(type))
            || (Is(type, _streamReader) && name is "ReadToEnd" or "ReadLine")
            || (Is(type, _socket) && name is "Receive" or "Send" or "Connect" or "Accept" or "ReceiveFrom" or "SendTo")
            || (Is(type, _httpClient) && name is "Send")
            || (Is(type, _process) && name is "WaitForExit")
            || (Is(type, _console) && name is "ReadLine" or "ReadKey" or "Read")
            || (Is(type, _dns) && name is "GetHostEntry" or "GetHostAddresses");

        return blocks ? $"{type.Name}.{method.Name} blocks on I/O" : null;
    }

    /// <summary>
    /// A <c>while (true)</c>, <c>do ... while (true)</c> or <c>for (;;)</c> loop with no way out: no <c>break</c> of its
    /// own, no <c>return</c>, <c>throw</c>, <c>goto</c> or <c>yield break</c>, and no <c>await</c> (an awaiting loop gives its
    /// thread back at every turn).
    /// </summary>
    public static bool IsUnboundedLoop(SyntaxNode loop)
    {
        var (condition, body) = loop switch
        {
            WhileStatementSyntax statement => (statement.Condition, (SyntaxNode)statement.Statement),
            DoStatementSyntax statement => (statement.Condition, statement.Statement),
            ForStatementSyntax statement => (statement.Condition, statement.Statement),
            _ => (null, null),
        };

        if (body is null || (condition is not null && !condition.IsKind(SyntaxKind.TrueLiteralExpression)) || (condition is null && loop is not ForStatementSyntax))
        {
            return false;
        }

        foreach (var node in body.DescendantNodesAndSelf(descendIntoChildren: child => !IsNestedFunction(child)))
        {
            switch (node)
            {
                case ReturnStatementSyntax or ThrowStatementSyntax or ThrowExpressionSyntax or GotoStatementSyntax or AwaitExpressionSyntax:
                case YieldStatementSyntax { RawKind: (int)SyntaxKind.YieldBreakStatement }:
                    return false;
                case BreakStatementSyntax @break when ReferenceEquals(Breakable(@break), loop):
                    return false;
            }
        }

        return true;
    }

    private static bool IsNestedFunction(SyntaxNode node) => node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax;

    /// <summary>The loop or switch a <c>break</c> leaves.</summary>
    private static SyntaxNode? Breakable(BreakStatementSyntax @break)
    {
        foreach (var ancestor in @break.Ancestors())
        {
            if (ancestor is WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or ForEachStatementSyntax or SwitchStatementSyntax)
            {
                return ancestor;
            }
        }

        return null;
    }

    private bool IsFileOrNetworkStream(INamedTypeSymbol type)
    {
        if (Is(type, _memoryStream) || Is(type, _unmanagedMemoryStream))
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (Is(current, _stream))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Is(INamedTypeSymbol actual, INamedTypeSymbol? expected) =>
        expected is not null && SymbolEqualityComparer.Default.Equals(actual, expected);
}
