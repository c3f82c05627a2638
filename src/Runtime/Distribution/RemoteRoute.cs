using Arbor.Distribution.Nodes;

namespace Arbor.Distribution;

/// <summary>
/// Which local node carries a signal to a remote pid: the sending process's node when there is one, else the node
/// that received the pid (a pid does not know which of several local nodes it was handed to).
/// </summary>
internal static class RemoteRoute
{
    public static NodeDistribution? For(Pid remote) =>
        Process.Current?.Node.Distribution ?? RemoteNodeTable.Get(remote.NodeId).Route;
}
