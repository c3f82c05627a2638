using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;
using Arbor.Cluster;

namespace Arbor;

/// <summary>The cluster half of a node: membership, and the node's process-group scopes and global registry.</summary>
public sealed partial class ArborNode
{
    /// <summary>The membership service; null unless <see cref="ArborNodeOptions.Cluster"/> was set.</summary>
    internal ArborCluster? ClusterService { get; private set; }

    /// <summary>Per-node cluster services started on demand (process-group scopes, the global registry), by key.</summary>
    internal ConcurrentDictionary<string, object> ClusterParts { get; } = new(StringComparer.Ordinal);

    /// <summary>The cluster this node is a member of (see <c>docs/cluster.md</c>).</summary>
    /// <exception cref="InvalidOperationException">The node was started without <see cref="ArborNodeOptions.Cluster"/>.</exception>
    public ArborCluster Cluster => ClusterService
        ?? throw new InvalidOperationException("This node is not a cluster member: start it with ArborNodeOptions.Cluster set.");

    /// <summary>A graceful leave before the node's processes stop, so members see it left rather than vanished.</summary>
    private async Task LeaveClusterAsync()
    {
        if (ClusterService is { } cluster)
        {
            await cluster.LeaveAsync().ConfigureAwait(false);
        }
    }
}
