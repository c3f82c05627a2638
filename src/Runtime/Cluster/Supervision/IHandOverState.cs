namespace Arbor.Cluster;

/// <summary>
/// Implemented by the server of a <see cref="DistributedChild"/> that carries its state over a graceful node shutdown.
/// When its node leaves the cluster (<see cref="ArborCluster.LeaveAsync"/>, which disposing the node runs first), the
/// distributed supervisor stops the child in an orderly way, then calls <see cref="ExportState"/> on the stopped
/// server and sends the bytes to the member that takes the child over, which starts it with
/// <see cref="DistributedChild.Resume"/>. A crash or a lost connection hands nothing over: the child starts fresh there.
/// </summary>
public interface IHandOverState
{
    /// <summary>
    /// The state to hand over, in a form of the server's choosing (JSON, MessagePack, ...). Called once, after the server
    /// has stopped and its terminate hook has run, so no handler runs concurrently. Throwing hands nothing over (logged).
    /// </summary>
    byte[] ExportState();
}
