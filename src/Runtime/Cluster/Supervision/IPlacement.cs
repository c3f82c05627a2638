using System.Collections.Generic;

namespace Arbor.Cluster;

/// <summary>
/// Decides which member runs a distributed child. It must be a pure function of its arguments: every node computes the
/// placement on its own, and they agree only if they see the same members.
/// </summary>
public interface IPlacement
{
    /// <summary>The node (one of <paramref name="nodes"/>, sorted by name, never empty) that runs the child <paramref name="childId"/>.</summary>
    string Place(string childId, IReadOnlyList<string> nodes);
}
