using System;

namespace Arbor;

internal sealed partial class Process
{
    /// <summary>
    /// Runs <paramref name="action"/> on this thread as this process: <see cref="Current"/> is this process and its
    /// synchronization context is installed, so code that acts for the process — a supervisor invoking a child's linked
    /// start function, even one that awaits before it starts the child — links to it. For a handler of this process that
    /// resumed on a pool thread after an <c>await</c> with <c>ConfigureAwait(false)</c>; only the process's own pending
    /// handler may use it.
    /// </summary>
    internal TResult RunAsCurrent<TState, TResult>(Func<TState, TResult> action, TState state)
    {
        var previousContext = System.Threading.SynchronizationContext.Current;
        var previous = Worker.SwapCurrent(this);
        System.Threading.SynchronizationContext.SetSynchronizationContext(SynchronizationContext);
        try
        {
            return action(state);
        }
        finally
        {
            System.Threading.SynchronizationContext.SetSynchronizationContext(previousContext);
            Worker.SwapCurrent(previous);
        }
    }
}
