using System;
using System.Threading.Tasks;

namespace Arbor.StateMachines;

/// <summary>
/// Starts state machine processes. Calls and casts to a running machine use the GenServer protocol
/// (<see cref="GenServer.CallAsync{T}"/>, <see cref="GenServer.Cast"/>): the same messages, timeouts and exceptions.
/// </summary>
public static class StateMachine
{
    /// <summary>
    /// Starts a state machine: <paramref name="factory"/> runs inside the new process (it is the init callback, and
    /// names the initial state), then init and the initial state's enter call. Completes once init has decided.
    /// </summary>
    /// <param name="node">The node to run on.</param>
    /// <param name="factory">Creates the machine, for example <c>() =&gt; new DoorLock("1234")</c>.</param>
    /// <param name="options">Name and link options.</param>
    public static ValueTask<StartResult> StartAsync(ArborNode node, Func<ProcessBehavior> factory, StartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var request = new StartResultRequest(factory);
        var holder = Process.Start(node, request, options ?? StartOptions.Default);
        return holder.IsNone ? request.Task : new ValueTask<StartResult>(StartResult.AlreadyStarted(holder));
    }

    /// <summary>Starts a state machine and returns a typed client for it; used by the generated start helpers.</summary>
    /// <param name="node">The node to run on.</param>
    /// <param name="factory">Creates the machine inside the new process.</param>
    /// <param name="options">Name and link options.</param>
    /// <param name="description">How the machine is named in a <see cref="StartFailedException"/>.</param>
    /// <exception cref="StartFailedException">Init failed, stopped or returned ignore, or the name is taken (the task faults with it).</exception>
    public static ValueTask<TRef> StartAsync<TRef>(ArborNode node, Func<ProcessBehavior> factory, StartOptions? options, string description)
        where TRef : struct, IProcessRef<TRef>
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(description);
        var request = new TypedStartRequest<TRef>(factory, description);
        var holder = Process.Start(node, request, options ?? StartOptions.Default);
        return holder.IsNone
            ? request.Task
            : ValueTask.FromException<TRef>(new StartFailedException(description, StartResult.AlreadyStarted(holder)));
    }
}
