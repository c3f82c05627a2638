using System;
using System.Threading;

namespace Arbor.Introspection.InFlight;

/// <summary>
/// A continuation counted as in-flight work of a tracking node from the moment it is dispatched until it has run (see
/// <see cref="InFlightCounter"/>). Wraps the continuation and its state so every way of dispatching it (a worker's slot,
/// a context, the thread pool) carries the count along unchanged.
/// </summary>
internal sealed class CountedContinuation : IThreadPoolWorkItem
{
    /// <summary>The callback to dispatch in place of the original, with the wrapper as its state.</summary>
    public static readonly Action<object?> Callback = static state => ((CountedContinuation)state!).Run();

    // Marks _afterReturn once the continuation has returned: what is deferred from then on runs at once.
    private static readonly Action s_returned = static () => { };

    [ThreadStatic]
    private static CountedContinuation? t_current;

    private readonly InFlightCounter _counter;
    private readonly Action<object?> _continuation;
    private readonly object? _state;
    private Action? _afterReturn;

    /// <summary>
    /// Wraps a continuation; counts it now unless <paramref name="countNow"/> is false (then <see cref="Count"/> must be
    /// called once, before it can run). It is uncounted after it has run.
    /// </summary>
    public CountedContinuation(InFlightCounter counter, Action<object?> continuation, object? state, bool countNow = true)
    {
        _counter = counter;
        _continuation = continuation;
        _state = state;
        if (countNow)
        {
            Count();
        }
    }

    /// <summary>
    /// The node whose counted continuation runs on this thread, if any: work it hands on (a call, a start) belongs to that
    /// node even when the continuation left its process (<c>ConfigureAwait(false)</c>) and no process is current.
    /// </summary>
    public static InFlightCounter? Running => t_current?._counter;

    /// <summary>The counted continuation running on this thread, if any.</summary>
    public static CountedContinuation? Current => t_current;

    /// <summary>Counts a continuation created with <c>countNow: false</c>, at the moment it is dispatched.</summary>
    public void Count() => _counter.Add(InFlightKind.Continuation);

    /// <summary>
    /// Runs <paramref name="action"/> once this continuation has returned, still inside its count — at once if it has
    /// returned already. A task this continuation's code is about to await is completed this way: by then the await
    /// has been registered, so its continuation runs inline with the completion, counted. Completed earlier, on another
    /// thread, the task library would queue the late-registered continuation to the thread pool, where no count sees it.
    /// </summary>
    public void RunAfterReturn(Action action)
    {
        while (true)
        {
            var deferred = Volatile.Read(ref _afterReturn);
            if (ReferenceEquals(deferred, s_returned))
            {
                action();
                return;
            }

            var combined = deferred is null ? action : (Action)Delegate.Combine(deferred, action);
            if (Interlocked.CompareExchange(ref _afterReturn, combined, deferred) == deferred)
            {
                return;
            }
        }
    }

    /// <summary>Runs it as a work item (queued to a scheduler rather than dispatched as a callback).</summary>
    void IThreadPoolWorkItem.Execute() => Run();

    private void Run()
    {
        var outer = t_current;
        t_current = this;

        // Runs with no synchronization context (a continuation that runs as a process installs its own): a task this
        // completes (an exit waiter, a handler finishing after ConfigureAwait(false)) then runs its awaiters' continuations
        // inline, inside this count. Under a process's context left current by the thread's caller the runtime would
        // queue them to the thread pool instead, uncounted.
        var outerContext = SynchronizationContext.Current;
        if (outerContext is not null)
        {
            SynchronizationContext.SetSynchronizationContext(null);
        }

        try
        {
            _continuation(_state);
        }
        finally
        {
            t_current = outer;
            try
            {
                if (Interlocked.Exchange(ref _afterReturn, s_returned) is { } deferred && !ReferenceEquals(deferred, s_returned))
                {
                    deferred();
                }
            }
            finally
            {
                if (outerContext is not null)
                {
                    SynchronizationContext.SetSynchronizationContext(outerContext);
                }

                _counter.Remove(InFlightKind.Continuation);
            }
        }
    }
}
