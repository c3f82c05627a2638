using Microsoft.CodeAnalysis;

namespace Arbor.Analyzers;

/// <summary>The BCL members that block the calling thread until something else happens.</summary>
internal sealed class BlockingApis
{
    private readonly INamedTypeSymbol? _task;
    private readonly INamedTypeSymbol? _taskOfT;
    private readonly INamedTypeSymbol? _valueTaskOfT;
    private readonly INamedTypeSymbol? _thread;
    private readonly INamedTypeSymbol? _waitHandle;
    private readonly INamedTypeSymbol? _semaphoreSlim;
    private readonly INamedTypeSymbol? _manualResetEventSlim;
    private readonly INamedTypeSymbol? _countdownEvent;
    private readonly INamedTypeSymbol? _barrier;

    public BlockingApis(Compilation compilation)
    {
        _task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        _taskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        _valueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        _thread = compilation.GetTypeByMetadataName("System.Threading.Thread");
        _waitHandle = compilation.GetTypeByMetadataName("System.Threading.WaitHandle");
        _semaphoreSlim = compilation.GetTypeByMetadataName("System.Threading.SemaphoreSlim");
        _manualResetEventSlim = compilation.GetTypeByMetadataName("System.Threading.ManualResetEventSlim");
        _countdownEvent = compilation.GetTypeByMetadataName("System.Threading.CountdownEvent");
        _barrier = compilation.GetTypeByMetadataName("System.Threading.Barrier");
    }

    /// <summary><c>Task&lt;T&gt;.Result</c> or <c>ValueTask&lt;T&gt;.Result</c>.</summary>
    public bool IsBlockingResult(IPropertySymbol property) =>
        property.Name == "Result"
        && (Is(property.ContainingType.OriginalDefinition, _taskOfT) || Is(property.ContainingType.OriginalDefinition, _valueTaskOfT));

    /// <summary>How a blocking method is shown in the message (<c>.Wait()</c>, <c>Thread.Sleep</c>...), or null if it does not block.</summary>
    public BlockingKind Classify(IMethodSymbol method)
    {
        var type = method.ContainingType?.OriginalDefinition;
        if (type is null)
        {
            return BlockingKind.None;
        }

        switch (method.Name)
        {
            case "Wait" when !method.IsStatic && (Is(type, _task) || Is(type, _taskOfT)):
                return BlockingKind.TaskWait;
            case "WaitAll" or "WaitAny" when Is(type, _task):
                return BlockingKind.Other;
            case "GetResult" when IsAwaiter(type):
                return BlockingKind.AwaiterGetResult;
            case "Sleep" when Is(type, _thread):
                return BlockingKind.Other;
            case "WaitOne" or "WaitAll" or "WaitAny" when Is(type, _waitHandle):
                return BlockingKind.Other;
            case "Wait" when Is(type, _semaphoreSlim) || Is(type, _manualResetEventSlim) || Is(type, _countdownEvent):
                return BlockingKind.Other;
            case "SignalAndWait" when Is(type, _barrier):
                return BlockingKind.Other;
            default:
                return BlockingKind.None;
        }
    }

    // TaskAwaiter, ValueTaskAwaiter, ConfiguredTaskAwaitable.ConfiguredTaskAwaiter... all live in System.Runtime.CompilerServices.
    private static bool IsAwaiter(INamedTypeSymbol type) =>
        type.Name.EndsWith("Awaiter", System.StringComparison.Ordinal)
        && type.ContainingNamespace?.ToDisplayString() == "System.Runtime.CompilerServices";

    private static bool Is(INamedTypeSymbol actual, INamedTypeSymbol? expected) =>
        expected is not null && SymbolEqualityComparer.Default.Equals(actual, expected);
}

/// <summary>Which blocking shape was found; the await fix handles the first three.</summary>
internal enum BlockingKind
{
    None,
    TaskResult,
    TaskWait,
    AwaiterGetResult,
    Other,
}
