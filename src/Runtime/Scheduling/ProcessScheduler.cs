using System.Threading;

namespace Arbor.Scheduling;

/// <summary>
/// Where a node's runnable work goes: process turns and the continuations of asynchronous handlers. Normally the
/// shared <see cref="SchedulerThreads"/>; a node in deterministic mode has its own single-threaded one.
/// </summary>
internal abstract class ProcessScheduler
{
    /// <summary>Runs <paramref name="work"/> soon, on one of this scheduler's threads.</summary>
    public abstract void Queue(IThreadPoolWorkItem work);

    /// <summary>
    /// Queues <paramref name="work"/> that the current thread gives back just before returning to this scheduler (a turn
    /// whose budget is spent); a scheduler may skip waking another thread for it. By default the same as <see cref="Queue"/>.
    /// </summary>
    public virtual void Yield(IThreadPoolWorkItem work) => Queue(work);
}
