using System;
using System.ComponentModel;
using System.Threading.Tasks;
using Arbor.Scheduling;

namespace Arbor.StateMachines;

public abstract partial class StateMachine<TState>
{
    /// <summary>
    /// Runs a handler marked <c>Dirty = true</c> on the node's dirty schedulers instead of a scheduler thread; used by
    /// generated dispatch. The machine waits for it as for an asynchronous handler, handling no other event meanwhile.
    /// </summary>
    /// <typeparam name="TMachine">The generated machine type.</typeparam>
    /// <typeparam name="TContent">The event content (or the previous state, for an enter handler).</typeparam>
    /// <param name="machine">This machine.</param>
    /// <param name="content">What the handler takes.</param>
    /// <param name="handler">Calls the handler (and replies, for a call); a static lambda, so nothing else is captured.</param>
    /// <returns>Completes when the handler has finished.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected ValueTask RunDirtyAsync<TMachine, TContent>(TMachine machine, TContent content, Func<TMachine, TContent, ValueTask> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var work = new DirtyWork<TMachine, TContent>(Owner, machine, content, handler);
        Owner.Node.Scheduling.Dirty.Queue(work);
        return work.Completion;
    }
}
