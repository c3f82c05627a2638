using System;

namespace Arbor.Cluster;

/// <summary>One global name: who holds it, which node owns that process, and when it was registered there.</summary>
/// <param name="Name">The global name.</param>
/// <param name="Pid">The holder.</param>
/// <param name="Owner">The holder's node (the only node that registers, unregisters and resolves conflicts for it).</param>
/// <param name="Stamp">The owner's clock at registration (UTC ticks); with <paramref name="Owner"/> it orders conflicting registrations.</param>
public sealed record GlobalRegistration(string Name, Pid Pid, string Owner, long Stamp)
{
    /// <summary>
    /// The conflict rule, the same on every node: the earlier registration (smaller stamp) keeps the name; equal stamps
    /// go to the owner node whose name sorts first (ordinal). Clock skew between nodes only changes who wins, never that exactly one does.
    /// </summary>
    internal bool WinsOver(GlobalRegistration other) =>
        Stamp != other.Stamp ? Stamp < other.Stamp : string.CompareOrdinal(Owner, other.Owner) <= 0;
}
