using System;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;
using Arbor.Introspection.InFlight;

namespace Arbor.Protocol;

/// <summary>
/// The awaiting side of a call: stores the caller's continuation and runs it once the reply is in, never inline
/// inside the replying process's handler. When the reply is made during a worker turn and the caller captured no
/// context, the continuation is handed to that worker to run right after the turn (no queue, no thread wake-up);
/// otherwise it is posted to the captured context or to the thread pool, as <c>ManualResetValueTaskSourceCore</c>
/// does with asynchronous continuations. Single use: a call request is never recycled.
/// </summary>
internal struct ReplyContinuation
{
    private static readonly Action<object?> s_completed = static _ => throw new InvalidOperationException("Completion sentinel invoked.");

    private Action<object?>? _continuation;
    private object? _state;

    // Null for the common await (no context to honour); otherwise the captured scheduler and execution context. One
    // field for both keeps every call request a pointer smaller; the rare await that has both pays for a pair.
    private CapturedContext? _captured;

    public void OnCompleted(Action<object?> continuation, object? state, ValueTaskSourceOnCompletedFlags flags, Process? caller)
    {
        ExecutionContext? executionContext = null;
        if ((flags & ValueTaskSourceOnCompletedFlags.FlowExecutionContext) != 0)
        {
            executionContext = ExecutionContext.Capture();
        }

        object? scheduler = null;
        if ((flags & ValueTaskSourceOnCompletedFlags.UseSchedulingContext) != 0)
        {
            if (SynchronizationContext.Current is { } context && context.GetType() != typeof(SynchronizationContext))
            {
                scheduler = context;
            }
            else if (TaskScheduler.Current != TaskScheduler.Default)
            {
                scheduler = TaskScheduler.Current;
            }
        }

        // A caller outside any process, awaiting inside counted work of a tracking node (a handler's rest after
        // ConfigureAwait(false)): its continuation is that node's work too.
        var inFlight = caller is null && InFlightTracking.IsOn ? CountedContinuation.Running : null;
        if (executionContext is not null || scheduler is not null || inFlight is not null)
        {
            _captured = new CapturedContext(scheduler, executionContext, inFlight);
        }

        _state = state;
        if (Interlocked.CompareExchange(ref _continuation, continuation, null) is not null)
        {
            // The reply came first: run the continuation now, but not inline.
            Dispatch(continuation, state, allowHandOff: false, caller);
        }
    }

    /// <summary>
    /// Called exactly once, after the result has been published. <paramref name="handOff"/> says the replying handler
    /// has returned, so the continuation may run on this worker right after the turn. <paramref name="caller"/> is the
    /// calling process, if the call was made from one.
    /// </summary>
    public void Signal(bool handOff, Process? caller)
    {
        var continuation = Interlocked.Exchange(ref _continuation, s_completed);
        if (continuation is not null)
        {
            Dispatch(continuation, _state, allowHandOff: handOff, caller);
        }
    }

    private readonly void Dispatch(Action<object?> continuation, object? state, bool allowHandOff, Process? caller)
    {
        if (InFlightTracking.IsOn && (caller?.Node.InFlight ?? _captured?.InFlight) is { } inFlight)
        {
            // A caller process's node counts its in-flight work: the continuation counts until it has run.
            state = new CountedContinuation(inFlight, continuation, state);
            continuation = CountedContinuation.Callback;
        }

        var executionContext = _captured?.ExecutionContext;
        var scheduler = _captured?.Scheduler;
        if (executionContext is null && scheduler is null or ProcessSynchronizationContext)
        {
            // No context to honour beyond "run as this process": the worker can run it right after the turn.
            var runAs = (scheduler as ProcessSynchronizationContext)?.Process;
            if (allowHandOff && Worker.TryHandOff(continuation, state, runAs))
            {
                return;
            }

            if (runAs is null)
            {
                ThreadPool.UnsafeQueueUserWorkItem(continuation, state, preferLocal: true);
                return;
            }
        }

        var invocation = new Invocation(continuation, state, executionContext);
        switch (scheduler)
        {
            case SynchronizationContext context:
                context.Post(static s => ((Invocation)s!).Run(), invocation);
                break;
            case TaskScheduler taskScheduler:
                Task.Factory.StartNew(static s => ((Invocation)s!).Run(), invocation, CancellationToken.None, TaskCreationOptions.DenyChildAttach, taskScheduler);
                break;
            default:
                ThreadPool.UnsafeQueueUserWorkItem(static s => s.Run(), invocation, preferLocal: true);
                break;
        }
    }

    /// <summary>
    /// What an await captured: a synchronization context or task scheduler, an execution context, and the tracking node
    /// whose counted work made the await (see <see cref="CountedContinuation.Running"/>).
    /// </summary>
    private sealed record CapturedContext(object? Scheduler, ExecutionContext? ExecutionContext, InFlightCounter? InFlight = null);

    /// <summary>A continuation that has to run under a captured execution context.</summary>
    private sealed class Invocation(Action<object?> continuation, object? state, ExecutionContext? executionContext)
    {
        public void Run()
        {
            if (executionContext is null)
            {
                continuation(state);
            }
            else
            {
                ExecutionContext.Run(executionContext, static s => ((Invocation)s!).RunBare(), this);
            }
        }

        private void RunBare() => continuation(state);
    }
}
