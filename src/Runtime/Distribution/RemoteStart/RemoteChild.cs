using System.Collections.Generic;
using System.Threading.Tasks;

namespace Arbor.Distribution.RemoteStart;

/// <summary>
/// Child specs whose process runs on another node: the supervisor asks that node to start a server it made
/// startable (<see cref="ArborNode.AllowRemoteStart(string, System.Func{RemoteStartRequest, GenServer})"/>) and is
/// linked to it, so the child's exits, and <c>noconnection</c> when the node is lost, reach the supervisor like a
/// local child's. See docs/distribution.md, "Supervision across nodes".
/// </summary>
public static class RemoteChild
{
    /// <summary>
    /// A worker started on <paramref name="node"/> as <paramref name="name"/> with <paramref name="arguments"/>
    /// (each must have an Erlang term form: integers, floats, strings, booleans, byte arrays, atoms, pids, terms).
    /// Restart, shutdown and significance are set on the returned spec as for any child (<c>with { ... }</c>).
    /// </summary>
    /// <param name="id">The child's id in its supervisor.</param>
    /// <param name="node">The node to run on (<c>alive@host</c>).</param>
    /// <param name="name">The startable name registered on that node.</param>
    /// <param name="arguments">The start arguments.</param>
    /// <param name="timeout">How long one start may take; 5 s when null.</param>
    public static ChildSpec Spec(string id, string node, string name, IReadOnlyList<object?>? arguments = null, System.TimeSpan? timeout = null)
    {
        var options = new RemoteStartOptions { Link = true, Timeout = timeout ?? RemoteStartOptions.Default.Timeout };
        return new ChildSpec(id, context => new ValueTask<StartResult>(context.Node.StartRemoteAsync(node, name, arguments, options)));
    }
}
