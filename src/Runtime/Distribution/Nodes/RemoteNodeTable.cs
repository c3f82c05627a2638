using System;
using System.Collections.Generic;
using System.Threading;
using Arbor.Distribution.Terms;

namespace Arbor.Distribution.Nodes;

/// <summary>
/// Gives each remote node incarnation (name and creation) a small number, the <see cref="Pid.NodeId"/> of its pids, so
/// a remote <see cref="Pid"/> stays a two-field struct. Shared by every node in the operating-system process (pids
/// travel between them); bounded, so a peer sending pids of endless invented nodes cannot grow it without limit.
/// </summary>
internal static class RemoteNodeTable
{
    /// <summary>Distinct remote incarnations this process will track; a pid beyond it fails to decode.</summary>
    public const int Capacity = 1 << 16;

    private static readonly object s_gate = new();
    private static readonly Dictionary<(Atom Name, uint Creation), RemoteNode> s_byName = new();
    private static RemoteNode[] s_byIndex = new RemoteNode[16];
    private static int s_count;

    /// <summary>The entry for <paramref name="name"/>/<paramref name="creation"/>, created on first sight; null when the table is full.</summary>
    public static RemoteNode? GetOrAdd(Atom name, uint creation)
    {
        lock (s_gate)
        {
            if (s_byName.TryGetValue((name, creation), out var known))
            {
                return known;
            }

            if (s_count >= Capacity)
            {
                return null;
            }

            var index = s_count + 1;
            if (index >= s_byIndex.Length)
            {
                Array.Resize(ref s_byIndex, s_byIndex.Length * 2);
            }

            var node = new RemoteNode(name, creation, index);
            s_byIndex[index] = node;
            s_byName[(name, creation)] = node;
            Volatile.Write(ref s_count, index); // published after the entry: Get reads without the lock
            return node;
        }
    }

    /// <summary>The entry behind a remote pid's <see cref="Pid.NodeId"/>.</summary>
    /// <remarks>Lock-free (every remote send asks): the count is published after its entry and the array it lives in.</remarks>
    public static RemoteNode Get(int nodeId)
    {
        var count = Volatile.Read(ref s_count);
        var entries = Volatile.Read(ref s_byIndex);
        return nodeId > 0 && nodeId <= count
            ? entries[nodeId]
            : throw new ArgumentOutOfRangeException(nameof(nodeId), nodeId, "Not a remote node id.");
    }
}

/// <summary>One incarnation of a remote node.</summary>
internal sealed class RemoteNode
{
    public RemoteNode(Atom name, uint creation, int index)
    {
        Name = name;
        Creation = creation;
        Index = index;
    }

    public Atom Name { get; }

    public uint Creation { get; }

    public int Index { get; }

    /// <summary>
    /// The local node that last received a pid of this node: a send from outside any process (which has no node of
    /// its own to go through) uses it.
    /// </summary>
    public volatile NodeDistribution? Route;
}
