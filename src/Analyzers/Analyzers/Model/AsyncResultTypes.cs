using Microsoft.CodeAnalysis;

namespace Arbor.Analyzers;

/// <summary>Recognises the awaitable wrappers a handler may return (<c>Task</c>, <c>ValueTask</c>, with or without a result).</summary>
internal sealed class AsyncResultTypes
{
    private readonly INamedTypeSymbol? _task;
    private readonly INamedTypeSymbol? _taskOfT;
    private readonly INamedTypeSymbol? _valueTask;
    private readonly INamedTypeSymbol? _valueTaskOfT;

    public AsyncResultTypes(Compilation compilation)
    {
        _task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        _taskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        _valueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        _valueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
    }

    /// <summary>True for Task, Task&lt;T&gt;, ValueTask and ValueTask&lt;T&gt;.</summary>
    public bool IsTaskLike(ITypeSymbol? type) =>
        type is INamedTypeSymbol named
        && (Is(named, _task) || Is(named.OriginalDefinition, _taskOfT) || Is(named, _valueTask) || Is(named.OriginalDefinition, _valueTaskOfT));

    /// <summary>The value a caller eventually gets: <c>T</c> for Task&lt;T&gt;/ValueTask&lt;T&gt;, null for void/Task/ValueTask, else the type itself.</summary>
    public ITypeSymbol? Unwrap(ITypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_Void || Is(type, _task) || Is(type, _valueTask))
        {
            return null;
        }

        if (type is INamedTypeSymbol { TypeArguments.Length: 1 } named
            && (Is(named.OriginalDefinition, _taskOfT) || Is(named.OriginalDefinition, _valueTaskOfT)))
        {
            return named.TypeArguments[0];
        }

        return type;
    }

    private static bool Is(ITypeSymbol? actual, INamedTypeSymbol? expected) =>
        expected is not null && SymbolEqualityComparer.Default.Equals(actual, expected);
}
