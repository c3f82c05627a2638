using System;

namespace Arbor;

internal sealed partial class Process
{
    /// <summary>
    /// Runs <paramref name="action"/> on this thread with this process as <see cref="Current"/>. An async handler that
    /// resumed after an await runs on a pool thread where <see cref="Current"/> is unset; code that must act for the
    /// process there (a supervisor invoking a child's linked start, which links to <see cref="Current"/>) goes through
    /// this. Only the process's own pending handler may use it.
    /// </summary>
    internal TResult RunAsCurrent<TState, TResult>(Func<TState, TResult> action, TState state)
    {
        var previous = Worker.SwapCurrent(this);
        try
        {
            return action(state);
        }
        finally
        {
            Worker.SwapCurrent(previous);
        }
    }
}
