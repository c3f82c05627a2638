using System;
using System.ComponentModel;
using System.Threading.Tasks;
using Arbor.Scheduling;

namespace Arbor;

public abstract partial class GenServer
{
    /// <summary>
    /// Runs a handler marked <c>Dirty = true</c> on the node's dirty schedulers instead of a thread-pool worker; used by
    /// generated dispatch. The process waits for it as for an asynchronous handler, handling no other message meanwhile.
    /// </summary>
    /// <typeparam name="TServer">The generated server type.</typeparam>
    /// <typeparam name="TMessage">The message the handler takes.</typeparam>
    /// <param name="server">This server.</param>
    /// <param name="message">The message being handled.</param>
    /// <param name="handler">Calls the handler (and replies, for a call); a static lambda, so nothing else is captured.</param>
    /// <returns>Completes when the handler has finished.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected ValueTask RunDirtyAsync<TServer, TMessage>(TServer server, TMessage message, Func<TServer, TMessage, ValueTask> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var work = new DirtyWork<TServer, TMessage>(Owner, server, message, handler);
        Owner.Node.Scheduling.Dirty.Queue(work);
        return work.Completion;
    }
}
