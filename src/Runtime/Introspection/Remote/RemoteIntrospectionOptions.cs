namespace Arbor.Introspection.Remote;

/// <summary>How this node answers other nodes' introspection requests (<see cref="NodeIntrospection.ServeRemoteAsync"/>).</summary>
public sealed class RemoteIntrospectionOptions
{
    /// <summary>
    /// Lets other nodes kill this node's processes and terminate or restart its supervisors' children (a dashboard on
    /// another node with its own destructive actions enabled). Off by default: without it the service answers reads only
    /// and refuses every action, whatever the asking node allows. Every action, done or refused, is logged on this node
    /// (category <c>Arbor.Introspection</c>) with the asking node and the user it names.
    /// </summary>
    public bool AllowDestructiveActions { get; init; }
}
