using Microsoft.CodeAnalysis;

namespace Arbor.Analyzers;

/// <summary>The BCL entry points that run a delegate on another thread (or later, on whatever thread is free).</summary>
internal sealed class ThreadHoppingApis
{
    private readonly INamedTypeSymbol? _task;
    private readonly INamedTypeSymbol? _taskOfT;
    private readonly INamedTypeSymbol? _taskFactory;
    private readonly INamedTypeSymbol? _taskFactoryOfT;
    private readonly INamedTypeSymbol? _threadPool;
    private readonly INamedTypeSymbol? _parallel;
    private readonly INamedTypeSymbol? _timer;
    private readonly INamedTypeSymbol? _thread;
    private readonly INamedTypeSymbol? _processBehavior;

    public ThreadHoppingApis(Compilation compilation)
    {
        _task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        _taskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        _taskFactory = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory");
        _taskFactoryOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory`1");
        _threadPool = compilation.GetTypeByMetadataName("System.Threading.ThreadPool");
        _parallel = compilation.GetTypeByMetadataName("System.Threading.Tasks.Parallel");
        _timer = compilation.GetTypeByMetadataName("System.Threading.Timer");
        _thread = compilation.GetTypeByMetadataName("System.Threading.Thread");
        _processBehavior = compilation.GetTypeByMetadataName("Arbor.ProcessBehavior");
    }

    /// <summary>How a method hands its delegate arguments to another thread, if it does.</summary>
    public ThreadHop Classify(IMethodSymbol method)
    {
        var type = method.ContainingType?.OriginalDefinition;
        if (type is null)
        {
            return ThreadHop.None;
        }

        if (method.MethodKind == MethodKind.Constructor)
        {
            // new Timer(callback, ...), new Thread(start), new Task(action): the delegate runs later, elsewhere.
            return Is(type, _timer) || Is(type, _thread) || Is(type, _task) || Is(type, _taskOfT) ? ThreadHop.Detached : ThreadHop.None;
        }

        if (Is(type, _parallel))
        {
            return ThreadHop.Concurrent;
        }

        return method.Name switch
        {
            "Run" when Is(type, _task) => ThreadHop.Detached,
            "ContinueWith" when Is(type, _task) || Is(type, _taskOfT) => ThreadHop.Detached,
            "StartNew" when Is(type, _taskFactory) || Is(type, _taskFactoryOfT) => ThreadHop.Detached,
            "QueueUserWorkItem" or "UnsafeQueueUserWorkItem" or "RegisterWaitForSingleObject" when Is(type, _threadPool) => ThreadHop.Detached,
            "StartTask" or "RunTask" when Is(type, _processBehavior) => ThreadHop.ProcessTask,
            _ => ThreadHop.None,
        };
    }

    private static bool Is(INamedTypeSymbol actual, INamedTypeSymbol? expected) =>
        expected is not null && SymbolEqualityComparer.Default.Equals(actual, expected);
}

/// <summary>How a thread-hopping API runs the delegate it is given.</summary>
internal enum ThreadHop
{
    /// <summary>Not a thread-hopping API.</summary>
    None,

    /// <summary>The delegate runs on another thread, possibly after the handler returned (unless the task is awaited).</summary>
    Detached,

    /// <summary>The delegate runs on several threads at once while the caller waits (Parallel.*).</summary>
    Concurrent,

    /// <summary>
    /// The delegate runs as an Arbor task (<c>StartTask</c>/<c>RunTask</c>): supervised, but concurrently with the owner's
    /// handlers, so it must not touch the owner's mutable state (reading a readonly field, such as a service, is fine).
    /// </summary>
    ProcessTask,
}
